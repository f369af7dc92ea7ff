import type { ErrorBody, ErrorCode } from '@baton/contracts';

/** A typed error that came back over the wire (or a transport failure: timeout, no responders). */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
    /** the subject that failed (for logs and problem details) */
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}
