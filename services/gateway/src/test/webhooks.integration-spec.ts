import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { startCountingPlanning, TENANT_A, TENANT_B, type CountingPlanning } from './integration-standin.js';
import { PROBLEM_JSON, startGateway, type TestGateway } from './support.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from './webhook-receiver.js';

const RETRY_BASE_MS = 200;
const MAX_ATTEMPTS = 4;

describe('webhooks: subscriptions, signed deliveries, retries, replay, SSRF (real receiver, NATS, JetStream, Postgres)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let standIn: { app: INestApplicationContext; planning: CountingPlanning };
  let db: pg.Client;
  let adminA: string;
  let adminB: string;
  let ok: Receiver;
  let failing: Receiver;
  let endpoint: { id: string; secret: string };

  beforeAll(async () => {
    env = await createTestEnvironment();
    ok = await startReceiver(200);
    failing = await startReceiver(500);
    standIn = await startCountingPlanning(env);
    gw = await startGateway(env, {
      // tenant A's administrator allowed private targets (the receivers run on 127.0.0.1); tenant B's did not
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: TENANT_A,
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_MS: '2000',
      RATE_LIMIT_ENABLED: 'false',
    });
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    adminA = `Bearer ${await gw.token({ sub: 'admin-a', tenantId: TENANT_A })}`;
    adminB = `Bearer ${await gw.token({ sub: 'admin-b', tenantId: TENANT_B })}`;
  });

  afterAll(async () => {
    await db?.end();
    await gw?.close();
    await standIn?.app.close();
    await ok?.close();
    await failing?.close();
    await env?.dispose();
  });

  const api = () => request(gw.server);
  const createProject = (auth: string, name: string) =>
    api().post('/api/v1/projects').set('Authorization', auth).send({ name }).expect(201);
  const bodiesAt = (r: Receiver) =>
    r.received.map((x) => JSON.parse(x.body) as { type: string; data: { name: string } });

  it('subscribes an endpoint: 201 with a whsec_ secret shown once, Location, and no secret in reads', async () => {
    const res = await api()
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', adminA)
      .send({ url: ok.url, eventTypes: ['planning.project.*'], description: 'ERP sync' });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64').length).toBe(32);
    expect(res.headers.location).toBe(`/api/v1/webhooks/endpoints/${res.body.id}`);
    endpoint = { id: res.body.id, secret: res.body.secret };
    const got = await api().get(res.headers.location).set('Authorization', adminA);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      url: ok.url,
      eventTypes: ['planning.project.*'],
      description: 'ERP sync',
      enabled: true,
    });
    expect(got.body.secret).toBeUndefined();
    const list = await api().get('/api/v1/webhooks/endpoints').set('Authorization', adminA);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });

  it('delivers a domain event signed per Standard Webhooks (verified independently) and logs it', async () => {
    await createProject(adminA, 'Signed delivery');
    await waitFor(async () => bodiesAt(ok).some((b) => b.data.name === 'Signed delivery'), {
      what: 'the delivery',
      timeoutMs: 15_000,
    });
    const hit = ok.received.find((x) => x.body.includes('Signed delivery'))!;
    const body = JSON.parse(hit.body);
    expect(body).toMatchObject({
      type: 'planning.project.created',
      tenantId: TENANT_A,
      data: { name: 'Signed delivery' },
    });
    expect(hit.headers['content-type']).toBe('application/json');
    expect(await verifyStandardWebhook(endpoint.secret, hit.headers, hit.body)).toBe(true);
    // tampering with the body, the id or the secret breaks it
    expect(
      await verifyStandardWebhook(endpoint.secret, hit.headers, hit.body.replace('Signed', 'Forged')),
    ).toBe(false);
    expect(
      await verifyStandardWebhook(endpoint.secret, { ...hit.headers, 'webhook-id': randomUUID() }, hit.body),
    ).toBe(false);
    expect(
      await verifyStandardWebhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, hit.headers, hit.body),
    ).toBe(false);

    const deliveryId = hit.headers['webhook-id'] as string;
    const log = await waitFor(
      async () => {
        const r = await api()
          .get(`/api/v1/webhooks/endpoints/${endpoint.id}/deliveries`)
          .set('Authorization', adminA);
        const d = r.body.items?.find((x: { id: string }) => x.id === deliveryId);
        return d?.status === 'succeeded' ? d : undefined;
      },
      { what: 'the delivery log to say succeeded' },
    );
    expect(log).toMatchObject({
      eventType: 'planning.project.created',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    const one = await api().get(`/api/v1/webhooks/deliveries/${deliveryId}`).set('Authorization', adminA);
    expect(one.body.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, error: null }),
    ]);
    expect(one.body.payload).toMatchObject({ type: 'planning.project.created' });
  });

  it('retries a failing receiver with growing gaps, marks the delivery failed, and replays it on request', async () => {
    const created = await api()
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', adminA)
      .send({ url: failing.url, eventTypes: ['planning.project.created'] })
      .expect(201);
    await createProject(adminA, 'Failing receiver');
    await waitFor(async () => failing.received.length >= MAX_ATTEMPTS, {
      what: 'every attempt',
      timeoutMs: 20_000,
    });
    const times = failing.received.map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toHaveLength(MAX_ATTEMPTS - 1);
    // retry n waits base·2^(n-1), half of it jitter: 100–200, 200–400, 400–800 ms (plus polling)
    expect(gaps[0]!).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2 - 20);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]! - 60);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    expect(new Set(failing.received.map((r) => r.headers['webhook-id'])).size).toBe(1);

    const deliveryId = failing.received[0]!.headers['webhook-id'] as string;
    const failed = await waitFor(
      async () => {
        const r = await api().get(`/api/v1/webhooks/deliveries/${deliveryId}`).set('Authorization', adminA);
        return r.body.status === 'failed' ? r.body : undefined;
      },
      { what: 'the delivery to be marked failed' },
    );
    expect(failed).toMatchObject({
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 500,
      endpointId: created.body.id,
    });
    expect(failed.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual(
      Array(MAX_ATTEMPTS).fill(500),
    );
    await new Promise((r) => setTimeout(r, 3 * RETRY_BASE_MS));
    expect(failing.received).toHaveLength(MAX_ATTEMPTS); // no attempt after giving up

    failing.status = 204;
    const replay = await api()
      .post(`/api/v1/webhooks/deliveries/${deliveryId}/replay`)
      .set('Authorization', adminA);
    expect(replay.status).toBe(202);
    await waitFor(
      async () =>
        (await api().get(`/api/v1/webhooks/deliveries/${deliveryId}`).set('Authorization', adminA)).body
          .status === 'succeeded',
      { what: 'the replayed delivery to succeed' },
    );
    expect(failing.received).toHaveLength(MAX_ATTEMPTS + 1);
    expect(failing.received.at(-1)!.headers['webhook-id']).toBe(deliveryId);
  });

  it('refuses an SSRF target with 422 naming the url field, for a tenant that did not allow private targets', async () => {
    for (const url of [
      ok.url,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/x',
      'http://10.0.0.7/hook',
      'http://localhost:9/x',
    ]) {
      const res = await api()
        .post('/api/v1/webhooks/endpoints')
        .set('Authorization', adminB)
        .send({ url, eventTypes: ['*'] });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        type: 'urn:baton:problem:webhook-target-refused',
        code: 'WEBHOOK_TARGET_REFUSED',
        errors: [{ field: 'url' }],
      });
    }
    const patched = await api()
      .patch(`/api/v1/webhooks/endpoints/${endpoint.id}`)
      .set('Authorization', adminA)
      .send({ url: 'ftp://example.com/x' });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].field).toBe('url');
    // not a URL at all is a validation error (400), on create and on update
    for (const res of [
      await api()
        .post('/api/v1/webhooks/endpoints')
        .set('Authorization', adminA)
        .send({ url: 'notaurl', eventTypes: ['*'] }),
      await api()
        .patch(`/api/v1/webhooks/endpoints/${endpoint.id}`)
        .set('Authorization', adminA)
        .send({ url: '/relative' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    }
  });

  it('checks the address again at delivery time (a host that now resolves to a private address is refused)', async () => {
    // as if a public host had been subscribed and its DNS now pointed at loopback (rebinding)
    const id = randomUUID();
    await db.query(
      `INSERT INTO gateway.webhook_endpoint (id, tenant_id, url, event_types, secret) VALUES ($1, $2, $3, $4, $5)`,
      [
        id,
        TENANT_B,
        ok.url.replace('127.0.0.1', 'localhost'),
        ['planning.project.created'],
        `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      ],
    );
    const before = ok.received.length;
    await createProject(adminB, 'Rebinding');
    const attempt = await waitFor(
      async () => {
        const r = await db.query(
          `SELECT a.error, a.status_code FROM gateway.webhook_attempt a JOIN gateway.webhook_delivery d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
          [id],
        );
        return r.rows[0] as { error: string; status_code: number | null } | undefined;
      },
      { what: 'the refused attempt', timeoutMs: 15_000 },
    );
    expect(attempt.status_code).toBeNull();
    expect(attempt.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1)/);
    expect(ok.received.slice(before).some((r) => r.body.includes('Rebinding'))).toBe(false);
  });

  it('rotates the secret: shown once, and both secrets sign during the grace period', async () => {
    const rotated = await api()
      .post(`/api/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`)
      .set('Authorization', adminA);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await createProject(adminA, 'After rotation');
    await waitFor(async () => bodiesAt(ok).some((b) => b.data.name === 'After rotation'), {
      what: 'the delivery',
      timeoutMs: 15_000,
    });
    const hit = ok.received.find((x) => x.body.includes('After rotation'))!;
    expect((hit.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(await verifyStandardWebhook(rotated.body.secret, hit.headers, hit.body)).toBe(true);
    expect(await verifyStandardWebhook(endpoint.secret, hit.headers, hit.body)).toBe(true);
  });

  it('validates event types and keeps every tenant to its own endpoints and deliveries', async () => {
    const bad = await api()
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', adminA)
      .send({ url: ok.url, eventTypes: ['planning.project.exploded'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'eventTypes[0]' })]);
    const types = await api().get('/api/v1/webhooks/event-types').set('Authorization', adminB);
    expect(types.body.items).toContain('planning.project.created');

    expect(
      (await api().get(`/api/v1/webhooks/endpoints/${endpoint.id}`).set('Authorization', adminB)).status,
    ).toBe(404);
    expect(
      (await api().get(`/api/v1/webhooks/endpoints/${endpoint.id}/deliveries`).set('Authorization', adminB))
        .status,
    ).toBe(404);
    expect(
      (await api().delete(`/api/v1/webhooks/endpoints/${endpoint.id}`).set('Authorization', adminB)).status,
    ).toBe(404);
    const deliveryId = ok.received[0]!.headers['webhook-id'] as string;
    expect(
      (await api().get(`/api/v1/webhooks/deliveries/${deliveryId}`).set('Authorization', adminB)).status,
    ).toBe(404);
    expect(
      (await api().post(`/api/v1/webhooks/deliveries/${deliveryId}/replay`).set('Authorization', adminB))
        .status,
    ).toBe(404);
    const listB = await api().get('/api/v1/webhooks/endpoints').set('Authorization', adminB);
    expect(listB.body.items.some((e: { id: string }) => e.id === endpoint.id)).toBe(false);

    expect(
      (await api().delete(`/api/v1/webhooks/endpoints/${endpoint.id}`).set('Authorization', adminA)).status,
    ).toBe(204);
    expect(
      (await api().get(`/api/v1/webhooks/endpoints/${endpoint.id}`).set('Authorization', adminA)).status,
    ).toBe(404);
  });
});
