import type { Metrics } from '@baton/platform';
import type { FastifyInstance } from 'fastify';

/**
 * One observation per HTTP response: `baton_http_requests_total` and
 * `baton_http_request_duration_seconds`, labelled with the route template
 * (`/api/v1/projects/:id`, never the raw URL; `unmatched` for 404s no route answered), so the
 * label values stay few whatever clients send. Served on the management port (HEALTH_PORT),
 * never on this public one.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttp(
      request.method,
      request.routeOptions?.url,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
