import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '../problem/problem-details.js';

const descriptions: Record<number, string> = {
  400: 'The request is not valid (`errors` names each field, header or parameter)',
  401: 'No valid bearer token (`WWW-Authenticate` says why)',
  403: 'The caller may not do this',
  404: 'No such object in the caller\'s tenant',
  409: 'The change conflicts with the current state',
  412: 'If-Match does not name the current version (someone else changed the object)',
  413: 'The request body is too large',
  415: 'The request body is not application/json',
  500: 'An unexpected error (quote the requestId)',
  503: 'A backend service is not available; retry after `Retry-After` seconds',
  504: 'A backend service did not answer in time; retry after `Retry-After` seconds',
};

const retryAfter = {
  'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } },
};

export type ProblemStatus = number | { status: number; description: string };

/** Documents each status as an `application/problem+json` ProblemDetails response. */
export function ApiProblems(...entries: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...entries.map((entry) => {
      const { status, description } = typeof entry === 'number' ? { status: entry, description: undefined } : entry;
      return ApiResponse({
        status,
        description: description ?? descriptions[status] ?? 'Error',
        ...(status === 503 || status === 504 ? { headers: retryAfter } : {}),
        ...(status === 401
          ? { headers: { 'WWW-Authenticate': { description: 'the Bearer challenge', schema: { type: 'string' } } } }
          : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      });
    }),
  );
}

/** A handler behind the auth guard that calls a backend service over NATS. */
export const ApiBackendCall = (...statuses: ProblemStatus[]) =>
  applyDecorators(ApiBearerAuth(), ApiProblems(...statuses, 401, 500, 503, 504));
