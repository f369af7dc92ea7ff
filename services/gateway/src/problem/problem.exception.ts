import type { FieldError } from '@baton/contracts';

export interface ProblemInit {
  status: number;
  /** an ErrorCode, or an HTTP status name */
  code: string;
  detail: string;
  title?: string;
  errors?: FieldError[];
  /** RFC 9457 extension members, e.g. the checks of a failed readiness probe */
  extensions?: Record<string, unknown>;
}

/** An error the gateway itself answers with a known status, code and headers (401, 403, 400 …). */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemInit,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}
