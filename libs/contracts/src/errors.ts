/**
 * Error codes that cross service boundaries. A service replies `{ code, message, details }`;
 * the gateway maps `code` to an HTTP status and an RFC 9457 problem+json body.
 */
export const ErrorCode = {
  /** the request or message failed schema validation; details name the fields */
  ValidationFailed: 'VALIDATION_FAILED',
  /** no such object in the caller's tenant (also used for other tenants' objects: no leak) */
  NotFound: 'NOT_FOUND',
  /** the change conflicts with the current state (duplicate code, archived object, …) */
  Conflict: 'CONFLICT',
  /** well-formed, but refers to something that cannot be used here (unknown task, another portfolio); details name the field */
  Unprocessable: 'UNPROCESSABLE',
  /** optimistic concurrency: the expected version is not the current one */
  VersionMismatch: 'VERSION_MISMATCH',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  /** no service instance is listening (NATS "no responders") */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** the service did not answer within the request timeout */
  Timeout: 'TIMEOUT',
  /** anything unexpected; the message never carries internals */
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** dotted path of the offending field, e.g. `targetDate` or `changes.name` */
  field: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { errors?: FieldError[]; [key: string]: unknown };
}

/** HTTP status for each error code (used by the gateway's problem+json mapping). */
export const ErrorHttpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  VERSION_MISMATCH: 412,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorHttpStatus, value);
}
