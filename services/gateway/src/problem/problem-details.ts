import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** where the exception filter leaves the problem's code for the request log line */
export const PROBLEM_CODE_KEY = 'problemCode';
export type RequestWithProblem = { [PROBLEM_CODE_KEY]?: string };

export class ProblemFieldError {
  @ApiProperty({ description: 'dotted path of the offending field, header or parameter', example: 'name' })
  field: string;

  @ApiProperty({ example: 'name must be a string' })
  message: string;
}

/** RFC 9457 problem details, as every error of the API is answered (some add extension members). */
export class ProblemDetails {
  @ApiProperty({
    description:
      '`urn:baton:problem:<code, lower case, - for _>` for Baton errors (e.g. `urn:baton:problem:rate-limited`), `about:blank` for plain HTTP statuses',
    example: 'urn:baton:problem:validation-failed',
  })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request is not valid' })
  detail: string;

  @ApiProperty({ description: 'the request path', example: '/api/v1/projects' })
  instance: string;

  @ApiProperty({
    description:
      'machine-readable code: an error code of Baton (VALIDATION_FAILED, NOT_FOUND, VERSION_MISMATCH, RATE_LIMITED, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, WEBHOOK_TARGET_REFUSED, …) or the name of the HTTP status (BAD_REQUEST, NOT_FOUND, …)',
    example: 'VALIDATION_FAILED',
  })
  code: string;

  @ApiProperty({ description: 'also in the X-Request-Id response header and in every log line of the request' })
  requestId: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'one entry per invalid field (validation errors)' })
  errors?: ProblemFieldError[];
}
