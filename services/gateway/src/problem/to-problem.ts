import { ErrorCode, ErrorHttpStatus, isErrorCode, type FieldError } from '@baton/contracts';
import { DomainError, RpcError } from '@baton/platform';
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { FORBIDDEN_JSON_KEY } from '../http/body-parsers.js';
import type { ProblemDetails } from './problem-details.js';
import { ProblemException } from './problem.exception.js';

export interface ProblemContext {
  /** the request path */
  instance: string;
  requestId: string;
  /** BODY_LIMIT_BYTES, for the 413 detail */
  bodyLimit?: number;
}

export interface Problem {
  status: number;
  headers: Record<string, string>;
  body: ProblemDetails;
  /** unexpected: log at error level with the stack */
  unexpected: boolean;
}

const RETRY_AFTER_SECONDS = '5';

const CodeTitles: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  UNPROCESSABLE: 'Unprocessable content',
  VERSION_MISMATCH: 'Version mismatch',
  UNAUTHENTICATED: 'Unauthenticated',
  FORBIDDEN: 'Forbidden',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  TIMEOUT: 'Service timeout',
  INTERNAL: 'Internal error',
};

const GENERIC_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

/** `VERSION_MISMATCH` → `urn:baton:problem:version-mismatch` */
export const problemType = (code: string) => `urn:baton:problem:${code.toLowerCase().replace(/_/g, '-')}`;

/** 415 → `UNSUPPORTED_MEDIA_TYPE` */
export const statusCodeName = (status: number) =>
  (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** What Fastify's own errors (body parsing, routing) mean to an API client. */
function fastifyDetail(code: string | undefined, ctx: ProblemContext): string | undefined {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON';
    case FORBIDDEN_JSON_KEY:
      return 'The request body holds a "__proto__" key, or a "constructor" key with "prototype" in it: such keys are not allowed';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'The request body must be sent as application/json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ctx.bodyLimit ? `The request body is larger than ${ctx.bodyLimit} bytes` : 'The request body is too large';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The request body size does not match Content-Length';
    default:
      return undefined;
  }
}

function coded(code: ErrorCode, detail: string, errors: FieldError[] | undefined, ctx: ProblemContext): Problem {
  const status = ErrorHttpStatus[code];
  const headers: Record<string, string> = {};
  if (code === ErrorCode.ServiceUnavailable || code === ErrorCode.Timeout) headers['Retry-After'] = RETRY_AFTER_SECONDS;
  return {
    status,
    headers,
    unexpected: code === ErrorCode.Internal,
    body: {
      type: problemType(code),
      title: CodeTitles[code],
      status,
      detail: code === ErrorCode.Internal ? GENERIC_DETAIL : detail,
      instance: ctx.instance,
      code,
      requestId: ctx.requestId,
      ...(errors?.length ? { errors } : {}),
    },
  };
}

function plain(status: number, detail: string | undefined, ctx: ProblemContext): Problem {
  if (status >= 500) return coded(ErrorCode.Internal, GENERIC_DETAIL, undefined, ctx);
  const title = STATUS_CODES[status] ?? 'Error';
  return {
    status,
    headers: {},
    unexpected: false,
    body: {
      type: 'about:blank',
      title,
      status,
      detail: detail ?? title,
      instance: ctx.instance,
      code: statusCodeName(status),
      requestId: ctx.requestId,
    },
  };
}

function httpExceptionDetail(err: HttpException): string | undefined {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

const fieldErrors = (details: unknown): FieldError[] | undefined => {
  const errors = (details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : undefined;
};

/**
 * Any error → RFC 9457 problem details. Typed errors keep their code (and their status from
 * ErrorHttpStatus), the gateway's own codes keep theirs (`urn:baton:problem:<code>` both), HTTP
 * errors keep their status with `type: about:blank`, everything else is a 500 whose detail says
 * nothing about internals.
 */
export function toProblem(err: unknown, ctx: ProblemContext): Problem {
  if (err instanceof ProblemException) {
    const { status, code, detail, title, errors, extensions } = err.problem;
    const base = isErrorCode(code) ? coded(code, detail, errors, ctx) : plain(status, detail, ctx);
    // a code of the gateway's own (RATE_LIMITED, IDEMPOTENCY_KEY_REUSED, …) is a Baton problem
    // type like the shared ErrorCodes; only a plain HTTP status name keeps `about:blank`
    const type = isErrorCode(code) || code === statusCodeName(status) ? base.body.type : problemType(code);
    return {
      ...base,
      status,
      headers: { ...base.headers, ...err.headers },
      body: { ...extensions, ...base.body, type, status, code, ...(title ? { title } : {}) },
    };
  }
  if (err instanceof RpcError || err instanceof DomainError) {
    const code = isErrorCode(err.code) ? err.code : ErrorCode.Internal;
    return coded(code, err.message, fieldErrors(err.details), ctx);
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const cause = err.cause as { code?: string } | undefined;
    return plain(status, fastifyDetail(cause?.code, ctx) ?? httpExceptionDetail(err), ctx);
  }
  // Fastify errors that did not pass through Nest's mapping (e.g. from plugin routes)
  const e = err as { statusCode?: unknown; code?: string; message?: string } | null;
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return plain(e.statusCode, fastifyDetail(e.code, ctx) ?? e.message, ctx);
  }
  return coded(ErrorCode.Internal, GENERIC_DETAIL, undefined, ctx);
}
