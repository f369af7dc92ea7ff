import { ConflictError } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { checkCommitment } from './capacity.js';

const sprint = { id: 's-1', capacity: 10 };

describe('commitment against capacity', () => {
  it('accepts up to the capacity, exactly at it included', () => {
    expect(() => checkCommitment(sprint, 5, 5)).not.toThrow();
    expect(() => checkCommitment(sprint, 0, 10)).not.toThrow();
  });

  it('refuses going over with a 409 naming capacity and the numbers', () => {
    let err: unknown;
    try {
      checkCommitment(sprint, 8, 3);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).details).toMatchObject({
      capacity: 10,
      committedPoints: 8,
      requestedPoints: 3,
      errors: [{ field: 'capacity' }],
    });
  });

  it('lets the caller go over on purpose', () => {
    expect(() => checkCommitment(sprint, 8, 3, true)).not.toThrow();
  });

  it('always accepts unestimated (0-point) items, even into an over-committed sprint', () => {
    expect(() => checkCommitment(sprint, 16, 0)).not.toThrow();
  });
});
