import { ValidationFailedError } from '@baton/platform';

const ETAG = /^(W\/)?"([1-9][0-9]{0,14})"$/;

/** `ETag: "<version>"`: the version of the object, strong (the representation is one JSON form) */
export const etagOf = (version: number) => `"${version}"`;

/**
 * `If-Match` → the version the caller expects. `"3"` and `W/"3"` → 3; absent or `*` → undefined
 * (an unconditional change); anything else (a list, a foreign ETag) → 400 naming the header.
 */
export function expectedVersionFrom(header: string | string[] | undefined): number | undefined {
  const value = (Array.isArray(header) ? header.join(', ') : header)?.trim();
  if (value === undefined || value === '' || value === '*') return undefined;
  const m = ETAG.exec(value);
  if (!m) {
    throw new ValidationFailedError(
      [{ field: 'If-Match', message: 'If-Match must be one ETag of this object, e.g. "3", or *' }],
      'The If-Match header is not valid',
    );
  }
  return Number(m[2]);
}

/** Whether `If-None-Match` names the current ETag (a GET may then answer 304). */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
