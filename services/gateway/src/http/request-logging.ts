import type { Logger } from '@baton/platform';
import type { FastifyInstance } from 'fastify';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { PROBLEM_CODE_KEY, type RequestWithProblem } from '../problem/problem-details.js';
import { TRACE_ID_KEY, type RequestWithTrace } from '../tracing/tracing.interceptor.js';
import { REQUEST_ID_HEADER } from './request-id.js';

const PROBES = /^\/(healthz|readyz)(\?|$)/;

/**
 * Echoes the request id in `X-Request-Id` on every response (errors and 404s included) and
 * writes one log line per request: method, route, status, ms, requestId, tenant, error code, trace id.
 * Probes log at debug level (Kubernetes calls them every few seconds).
 */
export function installRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  // callback-style hooks: they run on every request, and an async hook costs a promise each time
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    // 503/504 are a backend's state, logged where it runs; 500 is ours (the filter logged the stack)
    const level =
      status === 500 ? 'error' : status >= 500 ? 'warn' : PROBES.test(request.url) ? 'debug' : 'info';
    if (logger.isLevelEnabled(level)) {
      const r = request as typeof request & RequestWithPrincipal & RequestWithTrace & RequestWithProblem;
      logger[level](
        {
          method: request.method,
          route: request.routeOptions?.url ?? null,
          url: request.url,
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          requestId: request.id,
          tenant: r[PRINCIPAL_KEY]?.tenantId ?? null,
          ...(r[PROBLEM_CODE_KEY] ? { code: r[PROBLEM_CODE_KEY] } : {}),
          ...(r[TRACE_ID_KEY] ? { trace_id: r[TRACE_ID_KEY] } : {}),
        },
        'request',
      );
    }
    done();
  });
}
