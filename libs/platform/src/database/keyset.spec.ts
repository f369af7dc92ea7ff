import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ValidationFailedError } from '../errors/domain-error.js';
import { decodeCursor, encodeCursor, escapeLike } from './keyset.js';

describe('keyset cursors', () => {
  it('round-trip any sort value and id', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), fc.uuid(), (v, id) => {
        const cursor = encodeCursor({ s: 'name', v, id });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor, 'name')).toEqual({ s: 'name', v, id });
      }),
    );
  });

  it('refuse a cursor made for another sort', () => {
    const cursor = encodeCursor({ s: 'name', v: 'a', id: '1' });
    expect(() => decodeCursor(cursor, '-createdAt')).toThrow(ValidationFailedError);
  });

  it('refuse garbage with a field error on cursor', () => {
    try {
      decodeCursor('bm90LWpzb24', 'name');
      throw new Error('expected a validation error');
    } catch (err) {
      expect((err as ValidationFailedError).details?.errors?.[0]?.field).toBe('cursor');
    }
  });
});

describe('escapeLike', () => {
  it('makes LIKE wildcards and the escape character literal', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('plain text')).toBe('plain text');
  });
});
