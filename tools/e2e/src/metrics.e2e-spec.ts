import { DemoTenants } from '@baton/contracts';
import { freePort } from '@baton/local-infra';
import { loadConfig, OutboxRelay } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';
import { AppModule as ReportingModule } from '../../../services/reporting/src/app.module.js';
import { ReportingConfig } from '../../../services/reporting/src/config/env.js';
import { find, parsePrometheusText, total, type Sample } from './support/prometheus-text.js';

const MISSING = '22222222-2222-4222-8222-222222222222';

/**
 * Prometheus metrics of real services (gateway, planning, reporting in-process on real NATS and
 * Postgres), scraped over HTTP from each one's management port after HTTP requests, NATS
 * requests and a domain event have gone through them.
 */
describe('metrics on every service, scraped from the management port', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let planning: INestApplicationContext;
  let reporting: INestApplicationContext;
  const ports = { gateway: 0, planning: 0, reporting: 0 };

  const scrape = async (service: keyof typeof ports) => {
    const res = await fetch(`http://127.0.0.1:${ports[service]}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await res.text());
  };
  /** scrape until `ok` holds (readings at scrape time are cached for a moment) */
  const scrapeUntil = (service: keyof typeof ports, ok: (s: Sample[]) => boolean, what: string) =>
    waitFor(
      async () => {
        const { samples } = await scrape(service);
        return ok(samples) ? samples : undefined;
      },
      { what, timeoutMs: 15_000, intervalMs: 250 },
    );

  beforeAll(async () => {
    env = await createTestEnvironment();
    const taken = new Set<number>();
    for (const s of Object.keys(ports) as (keyof typeof ports)[]) {
      let p = await freePort();
      while (taken.has(p)) p = await freePort();
      taken.add(p);
      ports[s] = p;
    }
    const mgmt = (port: number) => ({ HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' });
    planning = await startService(
      PlanningModule.register(loadConfig(PlanningConfig, env.env(mgmt(ports.planning)))),
    );
    reporting = await startService(
      ReportingModule.register(loadConfig(ReportingConfig, env.env(mgmt(ports.reporting)))),
    );
    gw = await startGateway(env, mgmt(ports.gateway));

    // traffic: HTTP → gateway → NATS → planning (+ an event → JetStream → reporting)
    const auth = `Bearer ${await gw.token()}`;
    const created = await request(gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .send({ name: 'Observed project', code: 'OBS-1' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await request(gw.server).get(`/api/v1/projects/${id}`).set('Authorization', auth)).status).toBe(
      200,
    );
    expect(
      (await request(gw.server).get(`/api/v1/projects/${MISSING}`).set('Authorization', auth)).status,
    ).toBe(404);
    expect(
      (await request(gw.server).post('/api/v1/projects').set('Authorization', auth).send({ name: 42 }))
        .status,
    ).toBe(400);
    expect(
      (await request(gw.server).get('/api/v1/no-such-thing/123').set('Authorization', auth)).status,
    ).toBe(404);
    await waitFor(
      async () =>
        (await request(gw.server).get(`/api/v1/reporting/projects/${id}`).set('Authorization', auth))
          .status === 200,
      { what: 'the project in reporting’s read model', timeoutMs: 15_000 },
    );
  });

  afterAll(async () => {
    await gw?.close();
    await reporting?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('gateway: HTTP requests by route template and status, and its NATS requests by target and outcome', async () => {
    const { samples, types } = await scrape('gateway');
    const http = find(samples, 'baton_http_requests_total', { service: 'gateway' });
    expect(
      total(http, 'baton_http_requests_total', { method: 'POST', route: '/api/v1/projects', status: '201' }),
    ).toBe(1);
    expect(
      total(http, 'baton_http_requests_total', { method: 'POST', route: '/api/v1/projects', status: '400' }),
    ).toBe(1);
    expect(
      total(http, 'baton_http_requests_total', {
        method: 'GET',
        route: '/api/v1/projects/:id',
        status: '200',
      }),
    ).toBe(1);
    expect(
      total(http, 'baton_http_requests_total', {
        method: 'GET',
        route: '/api/v1/projects/:id',
        status: '404',
      }),
    ).toBe(1);
    expect(total(http, 'baton_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    // never a raw URL: no ids, no unknown paths
    for (const s of http) expect(s.labels.route).not.toMatch(/[0-9a-f]{8}-|no-such-thing/);
    expect(types.get('baton_http_request_duration_seconds')).toBe('histogram');
    const count = total(samples, 'baton_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/api/v1/projects/:id',
    });
    expect(count).toBe(2);
    expect(
      total(samples, 'baton_http_request_duration_seconds_sum', { route: '/api/v1/projects/:id' }),
    ).toBeGreaterThan(0);
    expect(
      total(samples, 'baton_http_request_duration_seconds_bucket', {
        route: '/api/v1/projects/:id',
        le: '+Inf',
      }),
    ).toBe(count);

    const client = { service: 'gateway', target: 'planning', subject: 'planning.project.create' };
    expect(total(samples, 'baton_rpc_client_requests_total', { ...client, outcome: 'ok' })).toBe(1);
    expect(
      total(samples, 'baton_rpc_client_requests_total', {
        service: 'gateway',
        subject: 'planning.project.get',
        outcome: 'not_found',
      }),
    ).toBe(1);
    expect(
      total(samples, 'baton_rpc_client_requests_total', {
        service: 'gateway',
        target: 'reporting',
        subject: 'reporting.project-view.get',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(samples, 'baton_rpc_client_duration_seconds_count', {
        target: 'planning',
        subject: 'planning.project.create',
      }),
    ).toBe(1);
    expectCommonFamilies(samples, 'gateway');
  });

  it('planning: requests answered by contract and outcome, events relayed from the outbox', async () => {
    const samples = await scrapeUntil(
      'planning',
      (s) => find(s, 'baton_outbox_pending_events', { service: 'planning' })[0]?.value === 0,
      'an empty outbox',
    );
    const server = { service: 'planning', subject: 'planning.project.create' };
    expect(total(samples, 'baton_rpc_server_requests_total', { ...server, outcome: 'ok' })).toBe(1);
    expect(
      total(samples, 'baton_rpc_server_requests_total', {
        service: 'planning',
        subject: 'planning.project.get',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      total(samples, 'baton_rpc_server_requests_total', {
        service: 'planning',
        subject: 'planning.project.get',
        outcome: 'not_found',
      }),
    ).toBe(1);
    expect(
      total(samples, 'baton_rpc_server_duration_seconds_count', {
        service: 'planning',
        subject: 'planning.project.get',
      }),
    ).toBe(2);
    expect(total(samples, 'baton_rpc_server_duration_seconds_sum', server)).toBeGreaterThan(0);
    // the subject label is the contract's name: the test's subject prefix never shows
    for (const s of samples)
      for (const v of Object.values(s.labels)) expect(v).not.toContain(env.subjectPrefix);

    expect(total(samples, 'baton_outbox_published_total', { service: 'planning' })).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'baton_outbox_publish_failures_total', { service: 'planning' })).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);
    expect(find(samples, 'baton_outbox_oldest_pending_age_seconds', { service: 'planning' })).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);
    expectCommonFamilies(samples, 'planning');
  });

  it('planning: an event that cannot be published shows as pending, with its age and the failed attempts', async () => {
    const db = planning.get(DataSource);
    const id = randomUUID();
    // a subject no stream captures: JetStream refuses it, the relay retries with backoff
    await db.query(
      `INSERT INTO planning.outbox (id, subject, tenant_id, payload, created_at)
       VALUES ($1, 'baton.v1.nowhere.project.created', $2, '{}'::jsonb, now() - interval '90 seconds')`,
      [id, DemoTenants.demo.id],
    );
    planning.get(OutboxRelay).kick();
    try {
      const samples = await scrapeUntil(
        'planning',
        (s) =>
          find(s, 'baton_outbox_pending_events', { service: 'planning' })[0]?.value === 1 &&
          total(s, 'baton_outbox_publish_failures_total', { service: 'planning' }) >= 1,
        'a pending event and a failed publish',
      );
      const age = find(samples, 'baton_outbox_oldest_pending_age_seconds', { service: 'planning' })[0]?.value;
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(600);
    } finally {
      await db.query(`DELETE FROM planning.outbox WHERE id = $1`, [id]);
    }
    await scrapeUntil(
      'planning',
      (s) => find(s, 'baton_outbox_oldest_pending_age_seconds', { service: 'planning' })[0]?.value === 0,
      'the outbox empty again',
    );
  });

  it('reporting: events handled by consumer, event and outcome, and the consumer’s lag', async () => {
    const consumer = 'reporting-project-view';
    const samples = await scrapeUntil(
      'reporting',
      (s) =>
        find(s, 'baton_event_consumer_pending_messages', { service: 'reporting', consumer })[0]?.value === 0,
      'the consumer caught up',
    );
    expect(
      total(samples, 'baton_events_handled_total', {
        service: 'reporting',
        consumer,
        event: 'events.planning.project.created',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      total(samples, 'baton_event_handle_duration_seconds_count', { service: 'reporting', consumer }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      find(samples, 'baton_event_consumer_ack_pending_messages', { service: 'reporting', consumer }),
    ).toEqual([expect.objectContaining({ value: 0 })]);
    expect(
      total(samples, 'baton_rpc_server_requests_total', {
        service: 'reporting',
        subject: 'reporting.project-view.get',
      }),
    ).toBeGreaterThanOrEqual(1);
    expectCommonFamilies(samples, 'reporting');
  });

  // last: its 404 would count as an unmatched request in the gateway test above
  it('never serves metrics on the gateway’s public port', async () => {
    const res = await request(gw.server).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('baton_http_requests_total');
  });
});

/** what every service exposes: DB pool, outbox, process and Node.js runtime, all labelled with the service */
function expectCommonFamilies(samples: Sample[], service: string): void {
  const pool = (state: string) => find(samples, 'baton_db_pool_connections', { service, state })[0]?.value;
  expect(pool('total')).toBeGreaterThanOrEqual(1);
  expect(pool('idle')).toBeGreaterThanOrEqual(0);
  expect(pool('idle')).toBeLessThanOrEqual(pool('total')!);
  expect(pool('waiting')).toBeGreaterThanOrEqual(0);
  expect(find(samples, 'baton_outbox_pending_events', { service })).toHaveLength(1);
  expect(find(samples, 'baton_outbox_oldest_pending_age_seconds', { service })).toHaveLength(1);
  expect(find(samples, 'baton_outbox_published_total', { service })).toHaveLength(1);
  expect(total(samples, 'process_cpu_user_seconds_total', { service })).toBeGreaterThan(0);
  expect(total(samples, 'process_resident_memory_bytes', { service })).toBeGreaterThan(0);
  expect(find(samples, 'nodejs_eventloop_lag_seconds', { service })).toHaveLength(1);
  expect(find(samples, 'nodejs_heap_size_used_bytes', { service })[0]?.value).toBeGreaterThan(0);
  for (const s of samples) expect(s.labels.service).toBe(service);
}
