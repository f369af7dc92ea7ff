import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { keyIdOf } from '../webhooks/secret-cipher.js';
import { startCountingPlanning, type CountingPlanning } from './integration-standin.js';
import type { TestGateway } from './support.js';
import { startWebhookGateway, storedSecrets } from './webhook-secrets-support.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from './webhook-receiver.js';

const KEY = randomBytes(32).toString('base64');
/** how values sealed with KEY start (the key id: secret-cipher.ts) */
const SEALED = `enc:v2:${keyIdOf(Buffer.from(KEY, 'base64'))}:`;

/**
 * Webhook signing secrets encrypted at rest with WEBHOOK_SECRET_KEY (AES-256-GCM): a gateway
 * without a key stores them in plain text; one with the key encrypts those at start and every
 * new or rotated one; deliveries are still signed with the secret the subscriber was shown; a
 * gateway that lost the key refuses to send rather than sign with garbage.
 */
describe('webhook secrets at rest (real Postgres, NATS, JetStream, receiver)', () => {
  let env: TestEnvironment;
  let standIn: { app: INestApplicationContext; planning: CountingPlanning };
  let receiver: Receiver;
  let db: pg.Client;
  let gw: TestGateway | undefined;
  let admin = '';
  const endpoint = { id: '', secret: '' };

  const start = async (extra: Record<string, string>) => {
    await gw?.close();
    ({ gw, admin } = await startWebhookGateway(env, extra));
    return gw;
  };
  const stored = (id: string) => storedSecrets(db, id);
  const deliveredTo = async (name: string) => {
    await request(gw!.server).post('/api/v1/projects').set('Authorization', admin).send({ name }).expect(201);
    return waitFor(async () => receiver.received.find((r) => r.body.includes(name)), {
      what: `the delivery of ${name}`,
      timeoutMs: 15_000,
    });
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    receiver = await startReceiver(200);
    standIn = await startCountingPlanning(env);
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await gw?.close();
    await db?.end();
    await standIn?.app.close();
    await receiver?.close();
    await env?.dispose();
  });

  it('stores the secret in plain text while no key is configured', async () => {
    await start({});
    const res = await request(gw!.server)
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', admin)
      .send({ url: receiver.url, eventTypes: ['planning.project.created'] })
      .expect(201);
    Object.assign(endpoint, { id: res.body.id, secret: res.body.secret });
    expect((await stored(endpoint.id)).secret).toBe(endpoint.secret);
  });

  it('encrypts stored plain secrets when a gateway with the key starts, and still signs with them', async () => {
    await start({ WEBHOOK_SECRET_KEY: KEY });
    const row = await stored(endpoint.id);
    expect(row.secret).toMatch(new RegExp(`^${SEALED}[A-Za-z0-9+/]+=*$`));
    expect(row.secret).not.toContain(endpoint.secret.slice(6));
    const hit = await deliveredTo('Sealed at start');
    expect(await verifyStandardWebhook(endpoint.secret, hit.headers, hit.body)).toBe(true);
  });

  it('encrypts a rotated secret and the previous one; both sign during the grace period', async () => {
    const rotated = await request(gw!.server)
      .post(`/api/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`)
      .set('Authorization', admin)
      .expect(200);
    const row = await stored(endpoint.id);
    expect(row.secret.startsWith(SEALED)).toBe(true);
    expect(row.previous_secret!.startsWith(SEALED)).toBe(true);
    expect(`${row.secret}${row.previous_secret}`).not.toContain(rotated.body.secret.slice(6));
    const hit = await deliveredTo('After rotation');
    expect(await verifyStandardWebhook(rotated.body.secret, hit.headers, hit.body)).toBe(true);
    expect(await verifyStandardWebhook(endpoint.secret, hit.headers, hit.body)).toBe(true);
  });

  it('refuses to send when the key is gone, saying why', async () => {
    await start({});
    await request(gw!.server)
      .post('/api/v1/projects')
      .set('Authorization', admin)
      .send({ name: 'Without the key' })
      .expect(201);
    const failed = await waitFor(
      async () => {
        const r = await request(gw!.server)
          .get(`/api/v1/webhooks/endpoints/${endpoint.id}/deliveries?status=failed`)
          .set('Authorization', admin);
        return r.body.items?.[0] as { lastError: string } | undefined;
      },
      { what: 'the failed delivery', timeoutMs: 15_000 },
    );
    expect(failed.lastError).toMatch(
      /^not sent: the endpoint secret is encrypted and WEBHOOK_SECRET_KEY is not set/,
    );
    expect(receiver.received.some((r) => r.body.includes('Without the key'))).toBe(false);
  });
});
