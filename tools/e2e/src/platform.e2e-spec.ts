import { DemoTenants } from '@baton/contracts';
import { devSigningKeyBytes, newDevSigningKey, signDevToken } from '@baton/platform';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_SERVICES, buildAll, startPlatform, type ServiceProcess } from './support/binaries.js';
import { startOtlpCollector } from './support/otlp-collector.js';

/**
 * The whole platform as seven OS processes (the built binaries), driven over HTTP the way a
 * user drives `npm start`: the Foundation's "done when" list, end to end.
 */
describe('Baton as seven processes', () => {
  let env: TestEnvironment;
  let url: string;
  let processes: Map<string, ServiceProcess>;
  let token: string;
  let otherToken: string;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;

  const api = (path: string, init: RequestInit & { as?: string } = {}) =>
    fetch(`${url}/api/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${init.as ?? token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  const allUp = async () => {
    const res = await api('/system/status').catch(() => undefined);
    if (res?.status !== 200) return false;
    const body = (await res.json()) as { services: { name: string; status: string }[] };
    return body.services.filter((s) => s.status === 'up').length === ALL_SERVICES.length;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    await buildAll();
    const key = newDevSigningKey();
    const sign = async (tenantId: string, sub: string) =>
      (await signDevToken(devSigningKeyBytes(key), { tenantId, roles: ['pmo-admin'], sub })).token;
    token = await sign(DemoTenants.demo.id, 'alice');
    otherToken = await sign(DemoTenants.other.id, 'bob');
    collector = await startOtlpCollector();
    const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
    ({ url, processes } = await startPlatform(
      env.env({ LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '1500', ...telemetry }),
      key,
    ));
    await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200, {
      what: 'gateway /readyz',
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await waitFor(allUp, { what: 'all seven services up', timeoutMs: 30_000, intervalMs: 200 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...(processes?.values() ?? [])].map((p) => p.stop()));
    await collector?.close();
    await env?.dispose();
  });

  it('runs every service as its own process', () => {
    const pids = new Set([...processes.values()].map((p) => p.pid));
    expect(pids.size).toBe(7);
  });

  it('creates, reads, lists and updates a project; a stale If-Match is 412; another tenant sees 404', async () => {
    const created = await api('/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'ERP rollout', code: 'ERP-01' }),
    });
    expect(created.status).toBe(201);
    const project = (await created.json()) as { id: string; version: number };
    expect(created.headers.get('etag')).toBe('"1"');

    const read = await api(`/projects/${project.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('ERP rollout');

    const list = (await (await api('/projects?sort=-createdAt&limit=10')).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((p) => p.id)).toContain(project.id);

    const patch = (ifMatch: string) =>
      api(`/projects/${project.id}`, {
        method: 'PATCH',
        headers: { 'if-match': ifMatch },
        body: JSON.stringify({ status: 'active' }),
      });
    const updated = await patch('"1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await patch('"1"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const foreign = await api(`/projects/${project.id}`, { as: otherToken });
    expect(foreign.status).toBe(404);
    const foreignList = (await (await api('/projects?limit=100', { as: otherToken })).json()) as {
      items: unknown[];
    };
    expect(foreignList.items).toHaveLength(0);
  });

  it('exports one trace per request spanning gateway → NATS → planning → Postgres over OTLP', async () => {
    const res = await api('/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'Traced across processes' }),
    });
    expect(res.status).toBe(201);
    const find = (pred: (s: (typeof collector.spans)[number]) => boolean) => collector.spans.find(pred);
    const gateway = await waitFor(
      async () => find((s) => s.service === 'baton-gateway' && s.name === 'POST /api/v1/projects'),
      {
        what: 'the gateway span',
      },
    );
    const inTrace = (s: { traceId: string }) => s.traceId === gateway.traceId;
    const send = find((s) => inTrace(s) && s.name === 'send baton.v1.planning.project.create');
    const processed = await waitFor(
      async () =>
        find(
          (s) =>
            inTrace(s) &&
            s.service === 'baton-planning' &&
            s.name === 'process baton.v1.planning.project.create',
        ),
      { what: 'the planning span in the same trace' },
    );
    expect(send?.service).toBe('baton-gateway');
    expect(processed.parentSpanId).toBe(send!.spanId);
    const insert = await waitFor(
      async () =>
        find(
          (s) =>
            inTrace(s) &&
            s.service === 'baton-planning' &&
            /insert/i.test(s.name) &&
            s.parentSpanId !== undefined,
        ),
      { what: 'a Postgres INSERT span in the same trace' },
    );
    expect(insert.traceId).toBe(gateway.traceId);
  });

  it('answers a wrong type with 400 naming the field, and an unknown route with 404, both problem+json', async () => {
    const bad = await api('/projects', { method: 'POST', body: JSON.stringify({ name: 123 }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('name');
    const unknown = await api('/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('serves the OpenAPI 3.1 document and the docs page', async () => {
    const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/{id}']),
    );
    const docs = await fetch(`${url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/<html/i);
  });

  it('answers 503/504 problem+json while planning is down, and recovers when it is back, without a gateway restart', async () => {
    const planning = processes.get('planning')!;
    await planning.stop('SIGKILL');
    const started = Date.now();
    const down = await api('/projects');
    expect([503, 504]).toContain(down.status);
    expect(Date.now() - started).toBeLessThan(1500 + 1500); // within the request timeout, with slack
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(down.headers.get('retry-after')).toBeTruthy();

    planning.start();
    await waitFor(async () => (await api('/projects')).status === 200, {
      what: 'planning back',
      timeoutMs: 20_000,
      intervalMs: 200,
    });
  });

  it('applies a project created while reporting was stopped, exactly once, when reporting starts again', async () => {
    const reporting = processes.get('reporting')!;
    expect(await reporting.stop('SIGTERM')).toBe(0);
    const created = (await (
      await api('/projects', { method: 'POST', body: JSON.stringify({ name: 'Made while reporting slept' }) })
    ).json()) as {
      id: string;
    };
    expect((await api(`/reporting/projects/${created.id}`)).status).toBe(503);

    reporting.start();
    const view = await waitFor(
      async () => {
        const res = await api(`/reporting/projects/${created.id}`);
        return res.status === 200
          ? ((await res.json()) as { eventsApplied: number; name: string })
          : undefined;
      },
      { what: 'the project in reporting', timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(view).toMatchObject({ name: 'Made while reporting slept', eventsApplied: 1 });
    const all = (await (await api('/reporting/projects?limit=100')).json()) as {
      items: { projectId: string }[];
    };
    expect(all.items.filter((i) => i.projectId === created.id)).toHaveLength(1);
  });

  it('shuts every service down cleanly on SIGTERM', async () => {
    const codes = await Promise.all([...processes.values()].map((p) => p.stop('SIGTERM')));
    expect(codes).toEqual(Array(7).fill(0));
  });
});
