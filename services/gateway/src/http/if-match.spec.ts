import { ValidationFailedError } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { etagOf, expectedVersionFrom, matchesIfNoneMatch } from './if-match.js';

describe('If-Match → expectedVersion', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
    [undefined, undefined],
    ['', undefined],
    ['*', undefined],
  ])('%j → %j', (header, expected) => {
    expect(expectedVersionFrom(header)).toBe(expected);
  });

  it.each(['3', '"0"', '"-1"', '"abc"', '"1", "2"', 'W/3', '"3', '"9999999999999999"'])('refuses %j naming the header', (header) => {
    let error: unknown;
    try {
      expectedVersionFrom(header);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).details?.errors?.[0]?.field).toBe('If-Match');
  });

  it('formats versions as strong ETags', () => {
    expect(etagOf(7)).toBe('"7"');
  });
});

describe('If-None-Match', () => {
  it('matches the ETag, a weak form of it, one of a list, or *', () => {
    expect(matchesIfNoneMatch('"3"', '"3"')).toBe(true);
    expect(matchesIfNoneMatch('W/"3"', '"3"')).toBe(true);
    expect(matchesIfNoneMatch('"1", "3"', '"3"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"3"')).toBe(true);
    expect(matchesIfNoneMatch('"2"', '"3"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"3"')).toBe(false);
  });
});
