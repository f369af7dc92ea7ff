import { describe, expect, it } from '@jest/globals';
import { databaseOf, withDatabase } from './databases.js';

describe('database URLs', () => {
  it('points a URL at another database, keeping credentials and query', () => {
    expect(withDatabase('postgres://u:p%40ss@127.0.0.1:5433/postgres?sslmode=disable', 'baton')).toBe(
      'postgres://u:p%40ss@127.0.0.1:5433/baton?sslmode=disable',
    );
    expect(withDatabase('postgres://127.0.0.1:5432', 'baton')).toBe('postgres://127.0.0.1:5432/baton');
  });

  it('reads the database a URL names', () => {
    expect(databaseOf('postgres://u@h:1/baton')).toBe('baton');
    expect(databaseOf('postgres://u@h:1/')).toBeUndefined();
    expect(databaseOf('postgres://u@h:1')).toBeUndefined();
  });
});
