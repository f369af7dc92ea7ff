import { extractTraceContext, SpanKind, SpanStatusCode, tracer } from '@baton/platform';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';

/** where the interceptor leaves the trace id for the request log line */
export const TRACE_ID_KEY = 'traceId';
export type RequestWithTrace = { [TRACE_ID_KEY]?: string };

/**
 * Runs each request inside a SERVER span `<METHOD> <route>` whose parent is the caller's W3C
 * `traceparent`. The handler runs inside the span's context, so the RpcClient's `send` span is
 * its child and the trace crosses NATS into the service. The span ends when the response is
 * finished, so it records the final status, also when the exception filter wrote it.
 * (OpenTelemetry has no Nest 12 instrumentation; this is ours.) GatewayModule registers it only
 * while tracing is on (an OTLP endpoint: see `initTelemetry`).
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const request = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal & RequestWithTrace>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const route = request.routeOptions?.url ?? request.url.split('?')[0];
    // With the http instrumentation on (OTLP export configured), its span already carries the
    // caller's traceparent: nest under it. Otherwise continue the caller's trace ourselves.
    const parent = trace.getSpan(context.active())
      ? context.active()
      : extractTraceContext(request.headers as Record<string, string | undefined>);
    const span = tracer().startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'baton.request_id': String(request.id),
          'baton.tenant_id': request[PRINCIPAL_KEY]?.tenantId ?? '',
        },
      },
      parent,
    );
    request[TRACE_ID_KEY] = span.spanContext().traceId;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const status = reply.raw.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    reply.raw.once('finish', end);
    reply.raw.once('close', end);
    const spanContext = trace.setSpan(parent, span);
    return new Observable((subscriber) =>
      // next.handle() binds the handler to the async context it is called in: call it in the span's.
      context.with(spanContext, () =>
        next
          .handle()
          .pipe(
            tap({ error: (err: unknown) => span.recordException(err instanceof Error ? err : String(err)) }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
