import { ErrorCode, isErrorCode } from '@baton/contracts';

const VERSION_PREFIX = /^baton\.v1\./;

/**
 * The contract's name as a metric label: the subject without `baton.v1.` (and never with a
 * deployment's SUBJECT_PREFIX), e.g. `planning.project.get`, `events.planning.project.created`.
 */
export function contractLabel(subject: string): string {
  return subject.replace(VERSION_PREFIX, '');
}

/** The service a request/reply subject belongs to: `baton.v1.planning.project.get` → `planning`. */
export function targetLabel(subject: string): string {
  return contractLabel(subject).split('.')[0] || 'unknown';
}

export const OUTCOME_OK = 'ok';

/**
 * The outcome of a request: `ok`, or the error code lower-cased (`not_found`, `validation_failed`,
 * `conflict`, `version_mismatch`, `unauthenticated`, `forbidden`, `service_unavailable`, `timeout`,
 * `internal`). Anything that is not one of the contract's codes counts as `internal`, so the label
 * has at most ten values.
 */
export function outcomeLabel(code: unknown): string {
  return (isErrorCode(code) ? code : ErrorCode.Internal).toLowerCase();
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The HTTP method, or `OTHER` for anything unusual (a client cannot grow the label's values). */
export function methodLabel(method: string): string {
  const m = method.toUpperCase();
  return METHODS.has(m) ? m : 'OTHER';
}

/** The route template (`/api/v1/projects/:id`), or `unmatched` when no route answered (a 404). */
export function routeLabel(template: string | undefined | null): string {
  return template || 'unmatched';
}
