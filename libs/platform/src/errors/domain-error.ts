import { ErrorCode, type ErrorBody, type FieldError } from '@baton/contracts';

/**
 * Thrown by handlers and services; the RPC server turns it into `{ code, message, details }`.
 * Anything else thrown becomes INTERNAL with a generic message (and is logged with its stack).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], message = 'The request is not valid') {
    super(ErrorCode.ValidationFailed, message, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NotFound, `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: ErrorBody['details']) {
    super(ErrorCode.Conflict, message, details);
  }
}

/** 422: the request is well-formed but names something that cannot be used (unknown task, another portfolio). */
export class UnprocessableError extends DomainError {
  constructor(errors: FieldError[], message = errors.map((e) => e.message).join('; ')) {
    super(ErrorCode.Unprocessable, message, { errors });
  }
}

export class VersionMismatchError extends DomainError {
  constructor(entity: string, id: string, expected: number, actual: number) {
    super(ErrorCode.VersionMismatch, `${entity} ${id} is at version ${actual}, not ${expected}`, {
      entity,
      id,
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

/** Any error as a wire body: domain errors keep their code, the rest become INTERNAL. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return err.toBody();
  return { code: ErrorCode.Internal, message: 'Internal error' };
}
