import { LOGGER, type Logger } from '@baton/platform';
import {
  Catch,
  Inject,
  MethodNotAllowedException,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../config/env.js';
import { methodsAllowedInstead } from '../http/method-not-allowed.js';
import { PROBLEM_CODE_KEY, PROBLEM_CONTENT_TYPE, type RequestWithProblem } from './problem-details.js';
import { toProblem } from './to-problem.js';

/**
 * The one exception filter: every error (thrown by a handler, a guard, a pipe, the body parser,
 * the router's not-found handler, or returned by a service over NATS) leaves the gateway as
 * `application/problem+json`.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse<FastifyReply>();
    const adapter = this.adapterHost.httpAdapter;
    const requestId = String(request.id ?? request.headers?.['x-request-id'] ?? '');
    const url = request.url ?? request.raw?.url ?? '';
    // the router's 404 for a path that exists with other methods is a 405 naming them
    const allow = err instanceof NotFoundException ? methodsAllowedInstead(request) : undefined;
    const error = allow
      ? new MethodNotAllowedException(`${request.method} is not allowed here; allowed: ${allow.join(', ')}`)
      : err;
    const problem = toProblem(error, {
      instance: url.split('?')[0] ?? '',
      requestId,
      bodyLimit: this.config.BODY_LIMIT_BYTES,
    });
    if (problem.unexpected)
      this.logger.error({ err, requestId, method: request.method, url }, 'request failed');
    // the request log line (http/request-logging.ts) reports the code with the status
    (request as FastifyRequest & RequestWithProblem)[PROBLEM_CODE_KEY] = problem.body.code;
    if (adapter.isHeadersSent(response)) {
      this.logger.warn({ requestId, status: problem.status }, 'error after the response was sent');
      return;
    }
    for (const [name, value] of Object.entries(problem.headers)) adapter.setHeader(response, name, value);
    if (allow) adapter.setHeader(response, 'allow', allow.join(', '));
    adapter.setHeader(response, 'content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    adapter.setHeader(response, 'cache-control', 'no-store');
    adapter.reply(response, JSON.stringify(problem.body), problem.status);
  }
}
