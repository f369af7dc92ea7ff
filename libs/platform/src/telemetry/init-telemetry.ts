/**
 * Tracing set-up. Import and call this first in main.ts, before Fastify or pg are loaded, so the
 * http and pg instrumentations can patch them. Always installs the context manager and the W3C
 * propagator (trace ids then appear in logs and cross NATS); spans are exported over OTLP/HTTP
 * only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
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

export interface TelemetryHandle {
  provider: TracerProvider;
  shutdown(): Promise<void>;
}

let current: TelemetryHandle | undefined;

export interface TelemetryOptions {
  /** an exporter to use instead of OTLP (tests pass an InMemorySpanExporter) */
  exporter?: SpanExporter;
  env?: Record<string, string | undefined>;
}

export async function initTelemetry(service: string, options: TelemetryOptions = {}): Promise<TelemetryHandle> {
  if (current) return current;
  const env = options.env ?? process.env;
  const processors: SpanProcessor[] = [];
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (options.exporter) {
    processors.push(new SimpleSpanProcessor({ exporter: options.exporter }));
  } else if (endpoint) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${endpoint.replace(/\/$/, '')}/v1/traces`;
    const scheduledDelayMillis = Number(env.OTEL_BSP_SCHEDULE_DELAY ?? 5000) || 5000;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis }));
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

  if (endpoint && !options.exporter) {
    // http (the gateway's inbound requests) and pg (every query) spans, exported with ours.
    const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
    const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
    const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
    registerInstrumentations({
      tracerProvider: provider as unknown as ApiTracerProvider,
      instrumentations: [
        new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? '') }),
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
