import { DemoTenants } from '@baton/contracts';
import { initTelemetry } from '@baton/platform/telemetry';
import { waitFor } from '@baton/testing';
import { LOGGER, type Logger } from '@baton/platform';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import request from 'supertest';
import { Ids, useGatewayWithStandIn } from './support.js';

describe('gateway tracing', () => {
  const exporter = new InMemorySpanExporter();

  // process-global and idempotent: before any app exists (beforeAll hooks run in order)
  beforeAll(async () => {
    await initTelemetry('gateway', { exporter });
  });
  const h = useGatewayWithStandIn();

  it("runs a request in a SERVER span whose trace the NATS send span (and planning's span) share", async () => {
    const incomingTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const incomingSpan = '00f067aa0ba902b7';
    exporter.reset();
    const res = await request(h.gw.server)
      .get(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', `Bearer ${await h.gw.token()}`)
      .set('traceparent', `00-${incomingTrace}-${incomingSpan}-01`)
      .set('X-Request-Id', 'trace-me');
    expect(res.status).toBe(200);

    const find = (pred: (s: ReadableSpan) => boolean) => exporter.getFinishedSpans().find(pred);
    const server = await waitFor(async () => find((s) => s.name === 'GET /api/v1/projects/:id'), {
      what: 'gateway span',
    });
    const send = find((s) => s.name === 'send baton.v1.planning.project.get')!;
    const processed = find((s) => s.name === 'process baton.v1.planning.project.get')!;

    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.spanContext().traceId).toBe(incomingTrace);
    expect(server.parentSpanContext?.spanId).toBe(incomingSpan);
    expect(server.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/api/v1/projects/:id',
      'http.response.status_code': 200,
      'baton.request_id': 'trace-me',
      'baton.tenant_id': DemoTenants.demo.id,
    });

    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(send.spanContext().traceId).toBe(incomingTrace);
    expect(send.parentSpanContext?.spanId).toBe(server.spanContext().spanId);

    // across NATS: the stand-in planning's handler span is a child of the gateway's send span
    expect(processed.spanContext().traceId).toBe(incomingTrace);
    expect(processed.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
  });

  it('starts a new trace without traceparent and records the final status of a failed request', async () => {
    exporter.reset();
    const res = await request(h.gw.server)
      .get(`/api/v1/projects/${Ids.missing}`)
      .set('Authorization', `Bearer ${await h.gw.token()}`);
    expect(res.status).toBe(404);
    const server = await waitFor(
      async () =>
        exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.name.startsWith('GET ')),
      {
        what: 'gateway span',
      },
    );
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.attributes['http.response.status_code']).toBe(404);
    const send = exporter.getFinishedSpans().find((s) => s.name === 'send baton.v1.planning.project.get')!;
    expect(send.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(send.attributes['baton.error.code']).toBe('NOT_FOUND');
  });

  it("puts the request's trace id on its log line", async () => {
    const logger = h.gw.app.get<Logger>(LOGGER);
    // the line is built only when info is on (pino rebinds its methods on a level change: spy after)
    const level = logger.level;
    logger.level = 'info';
    const info = jest.spyOn(logger, 'info');
    const incomingTrace = '0af7651916cd43dd8448eb211c80319c';
    try {
      await request(h.gw.server)
        .get(`/api/v1/projects/${Ids.existing}`)
        .set('Authorization', `Bearer ${await h.gw.token()}`)
        .set('traceparent', `00-${incomingTrace}-b7ad6b7169203331-01`)
        .set('X-Request-Id', 'log-trace');
      const line = info.mock.calls
        .map((c) => c[0] as Record<string, unknown>)
        .find((l) => l.requestId === 'log-trace');
      expect(line).toMatchObject({ trace_id: incomingTrace });
    } finally {
      info.mockRestore();
      logger.level = level;
    }
  });
});
