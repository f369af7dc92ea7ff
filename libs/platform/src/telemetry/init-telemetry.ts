/**
 * Tracing set-up. Import and call this first in main.ts, before Fastify or pg are loaded, so the
 * http and pg instrumentations can patch them. Tracing is on when spans have somewhere to go:
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (and OTEL_SDK_DISABLED is not `true`), or a test passes an
 * exporter. Then the SDK, the async context manager and the W3C propagator are installed, traces
 * cross NATS, and log lines carry `trace_id`/`span_id`.
 *
 * Off, nothing is installed, `withSpan` just runs its callback and the gateway does not register
 * its tracing interceptor. (On, the context manager's async hooks run on every promise: with
 * spans nobody receives, that cost the gateway about 0.1 ms of CPU per request in bench:gateway.)
 * Logs then correlate by `requestId`.
 */
import { context, propagation, trace, type TracerProvider as ApiTracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { enableTracing } from './tracing.js';

export interface TelemetryHandle {
  /** undefined when tracing is off */
  provider: TracerProvider | undefined;
  shutdown(): Promise<void>;
}

let current: TelemetryHandle | undefined;

export interface TelemetryOptions {
  /** an exporter to use instead of OTLP (tests pass an InMemorySpanExporter) */
  exporter?: SpanExporter;
  env?: Record<string, string | undefined>;
}

export async function initTelemetry(
  service: string,
  options: TelemetryOptions = {},
): Promise<TelemetryHandle> {
  if (current) return current;
  const env = options.env ?? process.env;
  const processors: SpanProcessor[] = [];
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  if (!options.exporter && (!endpoint || disabled)) {
    current = { provider: undefined, shutdown: async () => undefined };
    return current;
  }
  if (options.exporter) {
    processors.push(new SimpleSpanProcessor({ exporter: options.exporter }));
  } else if (endpoint) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${endpoint.replace(/\/$/, '')}/v1/traces`;
    const scheduledDelayMillis = Number(env.OTEL_BSP_SCHEDULE_DELAY ?? 5000) || 5000;
    processors.push(
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis }),
    );
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? `baton-${service}`,
      [ATTR_SERVICE_VERSION]: env.npm_package_version ?? '0.1.0',
    }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider as unknown as ApiTracerProvider);
  enableTracing();

  if (endpoint && !options.exporter) {
    // http (the gateway's inbound requests) and pg (every query) spans, exported with ours.
    const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
    const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
    const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
    registerInstrumentations({
      tracerProvider: provider as unknown as ApiTracerProvider,
      instrumentations: [
        new HttpInstrumentation({
          ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? ''),
        }),
        new PgInstrumentation({ requireParentSpan: true }),
      ],
    });
  }
  current = {
    provider,
    async shutdown() {
      await provider.forceFlush().catch(() => undefined);
      await provider.shutdown().catch(() => undefined);
    },
  };
  return current;
}

export function telemetry(): TelemetryHandle | undefined {
  return current;
}
