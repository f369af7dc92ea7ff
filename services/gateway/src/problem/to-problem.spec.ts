import { ErrorCode } from '@baton/contracts';
import { NotFoundError, RpcError, ValidationFailedError } from '@baton/platform';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { ProblemException } from './problem.exception.js';
import { problemType, toProblem } from './to-problem.js';

const ctx = { instance: '/api/v1/projects', requestId: 'req-1', bodyLimit: 1024 };

describe('toProblem', () => {
  it('turns a code into a urn type', () => {
    expect(problemType('VALIDATION_FAILED')).toBe('urn:baton:problem:validation-failed');
  });

  it.each([
    [ErrorCode.NotFound, 404],
    [ErrorCode.Conflict, 409],
    [ErrorCode.VersionMismatch, 412],
    [ErrorCode.ValidationFailed, 400],
    [ErrorCode.Forbidden, 403],
  ])('maps an RpcError %s to %i with its message', (code, status) => {
    const p = toProblem(new RpcError(code, 'said the service'), ctx);
    expect(p.status).toBe(status);
    expect(p.body).toEqual({
      type: problemType(code),
      title: expect.any(String),
      status,
      detail: 'said the service',
      instance: '/api/v1/projects',
      code,
      requestId: 'req-1',
    });
    expect(p.headers).toEqual({});
    expect(p.unexpected).toBe(false);
  });

  it('passes a service\'s field errors on as errors', () => {
    const errors = [{ field: 'changes.name', message: 'changes.name must be a string' }];
    const p = toProblem(new RpcError(ErrorCode.ValidationFailed, 'bad', { errors }), ctx);
    expect(p.body.errors).toEqual(errors);
  });

  it('adds Retry-After to 503 and 504', () => {
    expect(toProblem(new RpcError(ErrorCode.ServiceUnavailable, 'x'), ctx)).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    expect(toProblem(new RpcError(ErrorCode.Timeout, 'x'), ctx)).toMatchObject({ status: 504, headers: { 'Retry-After': '5' } });
  });

  it('never shows the message of an INTERNAL error', () => {
    const p = toProblem(new RpcError(ErrorCode.Internal, 'secret stack'), ctx);
    expect(p.status).toBe(500);
    expect(p.body.detail).not.toContain('secret');
    expect(p.unexpected).toBe(true);
  });

  it('maps local domain errors like remote ones', () => {
    expect(toProblem(new NotFoundError('project', 'x'), ctx).status).toBe(404);
    const v = toProblem(new ValidationFailedError([{ field: 'id', message: 'id must be a UUID' }]), ctx);
    expect(v.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'id', message: 'id must be a UUID' }] });
  });

  it('answers plain HTTP errors with about:blank and the status name as code', () => {
    const p = toProblem(new NotFoundException('Cannot GET /x'), ctx);
    expect(p.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /x' });
  });

  it('explains Fastify body errors', () => {
    const cause = Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const p = toProblem(new HttpException('Request body is too large', 413, { cause }), ctx);
    expect(p.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than 1024 bytes' });
    const json = toProblem(new BadRequestException('x', { cause: Object.assign(new Error(), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' }) }), ctx);
    expect(json.body.detail).toBe('The request body is not valid JSON');
  });

  it('keeps the status and headers of a ProblemException', () => {
    const p = toProblem(
      new ProblemException({ status: 401, code: ErrorCode.Unauthenticated, detail: 'no' }, { 'WWW-Authenticate': 'Bearer realm="baton"' }),
      ctx,
    );
    expect(p).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="baton"' } });
    expect(p.body).toMatchObject({ type: 'urn:baton:problem:unauthenticated', code: 'UNAUTHENTICATED', detail: 'no' });
  });

  it('gives the gateway\'s own codes a urn type too, keeping their title', () => {
    const p = toProblem(new ProblemException({ status: 429, code: 'RATE_LIMITED', title: 'Too many requests', detail: 'slow down' }), ctx);
    expect(p.body).toMatchObject({ type: 'urn:baton:problem:rate-limited', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' });
    const plainStatus = toProblem(new ProblemException({ status: 400, code: 'BAD_REQUEST', detail: 'no' }), ctx);
    expect(plainStatus.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', code: 'BAD_REQUEST' });
  });

  it('hides anything unexpected behind a generic 500', () => {
    const p = toProblem(new TypeError('cannot read x of undefined'), ctx);
    expect(p).toMatchObject({ status: 500, unexpected: true, body: { code: 'INTERNAL', type: 'urn:baton:problem:internal' } });
    expect(p.body.detail).not.toContain('undefined');
    expect(toProblem(new HttpException('boom', 502), ctx)).toMatchObject({ status: 500, unexpected: true });
  });
});
