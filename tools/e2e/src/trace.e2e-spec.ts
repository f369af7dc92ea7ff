import { initTelemetry } from '@baton/platform/telemetry';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import request from 'supertest';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';

/** One request through the real gateway and the real planning service: one trace. */
describe('a trace across gateway → NATS → planning', () => {
  const exporter = new InMemorySpanExporter();
  let env: TestEnvironment;
  let gw: TestGateway;
  let planning: INestApplicationContext;

  beforeAll(async () => {
    await initTelemetry('e2e', { exporter });
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    gw = await startGateway(env);
  });

  afterAll(async () => {
    await gw?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('shares one trace id between the gateway span, the NATS send span and the planning span', async () => {
    exporter.reset();
    const res = await request(gw.server)
      .post('/api/v1/projects')
      .set('Authorization', `Bearer ${await gw.token()}`)
      .send({ name: 'Traced project' });
    expect(res.status).toBe(201);

    const spans = () => exporter.getFinishedSpans();
    const byName = (name: string) => spans().find((s: ReadableSpan) => s.name === name);
    const gateway = await waitFor(async () => byName('POST /api/v1/projects'), { what: 'the gateway span' });
    const send = byName('send baton.v1.planning.project.create')!;
    const planningSpan = byName('process baton.v1.planning.project.create')!;

    expect(send).toBeDefined();
    expect(planningSpan).toBeDefined();
    const traceId = gateway.spanContext().traceId;
    expect(send.spanContext().traceId).toBe(traceId);
    expect(planningSpan.spanContext().traceId).toBe(traceId);
    expect(send.parentSpanContext?.spanId).toBe(gateway.spanContext().spanId);
    expect(planningSpan.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(planningSpan.attributes['baton.tenant_id']).toBeDefined();
  });
});
