import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { IdempotencyRepository } from '../idempotency/idempotency.repository.js';
import { requestHash } from '../idempotency/request-hash.js';
import { TENANT_A } from './integration-standin.js';
import type { TestGateway } from './support.js';
import { startWebhookGateway } from './webhook-secrets-support.js';

/**
 * Responses stored for an Idempotency-Key can carry a one-time secret (API keys, webhook signing
 * secrets): the table keeps a hash of the key and the response sealed with the key, so a replay
 * still shows the secret and the database alone shows neither the secret nor the key.
 */
describe('idempotent responses carrying secrets (real Postgres and NATS)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let db: pg.Client;
  let admin: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    ({ gw, admin } = await startWebhookGateway(env, {}));
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await gw?.close();
    await env?.dispose();
  });

  const post = (path: string, key: string, body?: object, ifMatch?: string) => {
    const r = request(gw.server)
      .post(`/api/v1${path}`)
      .set('Authorization', admin)
      .set('Idempotency-Key', key);
    if (ifMatch) r.set('If-Match', ifMatch);
    return body === undefined ? r : r.send(body);
  };

  /** every column of every row of the table, as text (bytea both as hex and as UTF-8) */
  const tableText = async (): Promise<string> => {
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM gateway.idempotency_key');
    expect(rows.length).toBeGreaterThan(0);
    return rows
      .flatMap((row) =>
        Object.values(row).map((v) =>
          Buffer.isBuffer(v)
            ? `${v.toString('hex')} ${v.toString('utf8')} ${v.toString('base64')}`
            : JSON.stringify(v),
        ),
      )
      .join('\n');
  };

  /** the part of a secret that is secret: after `whsec_` or `bat_<10-character prefix>_` */
  const secretPart = (secret: string) => secret.slice(secret.startsWith('whsec_') ? 6 : 15);

  const expectNotStored = async (secret: string, idempotencyKey: string) => {
    const text = await tableText();
    expect(secretPart(secret).length).toBeGreaterThan(20);
    expect(text).not.toContain(secretPart(secret));
    expect(text).not.toContain(idempotencyKey);
  };

  const expectReplay = async (first: request.Response, again: request.Response) => {
    expect(again.status).toBe(first.status);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.text).toBe(first.text);
  };

  it('POST /api-keys and rotate: a replay shows the same key; the table holds neither it nor the Idempotency-Key', async () => {
    const createKey = 'create-api-key-7f3c2a9e-5b1d-4e8a';
    const created = await post('/api-keys', createKey, { name: 'Idem', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^bat_/);
    await expectReplay(created, await post('/api-keys', createKey, { name: 'Idem', role: 'viewer' }));
    await expectNotStored(created.body.key, createKey);

    const rotateKey = 'rotate-api-key-0c9d8e7f-6a5b-4c3d';
    const rotated = await post(`/api-keys/${created.body.id}/rotate`, rotateKey, undefined, '"1"');
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(created.body.key);
    await expectReplay(
      rotated,
      await post(`/api-keys/${created.body.id}/rotate`, rotateKey, undefined, '"1"'),
    );
    await expectNotStored(rotated.body.key, rotateKey);
    // the replayed key is the one that works
    const me = await request(gw.server)
      .get('/api/v1/api-keys')
      .set('Authorization', `Bearer ${rotated.body.key}`);
    expect(me.status).not.toBe(401);
  });

  it('POST /webhooks/endpoints and rotate-secret: a replay shows the same whsec_ secret, the table does not', async () => {
    const body = { url: 'http://127.0.0.1:9/hooks', eventTypes: ['planning.project.created'] };
    const createKey = 'create-endpoint-1a2b3c4d-5e6f-4a7b';
    const created = await post('/webhooks/endpoints', createKey, body);
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    await expectReplay(created, await post('/webhooks/endpoints', createKey, body));
    await expectNotStored(created.body.secret, createKey);

    const rotateKey = 'rotate-secret-9f8e7d6c-5b4a-4392';
    const rotated = await post(`/webhooks/endpoints/${created.body.id}/rotate-secret`, rotateKey);
    expect(rotated.status).toBe(200);
    await expectReplay(
      rotated,
      await post(`/webhooks/endpoints/${created.body.id}/rotate-secret`, rotateKey),
    );
    await expectNotStored(rotated.body.secret, rotateKey);
  });

  it('another caller with the same Idempotency-Key gets its own response, not the stored secret', async () => {
    const key = 'shared-8d7c6b5a-4f3e-4d2c';
    const mine = await post('/api-keys', key, { name: 'Mine', role: 'viewer' });
    const other = `Bearer ${await gw.token({ sub: 'admin-b', tenantId: TENANT_A })}`;
    const theirs = await request(gw.server)
      .post('/api/v1/api-keys')
      .set('Authorization', other)
      .set('Idempotency-Key', key)
      .send({ name: 'Mine', role: 'viewer' });
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.key).not.toBe(mine.body.key);
  });

  it('seals rows an earlier version stored in clear, and still replays them', async () => {
    const key = 'legacy-3e4f5a6b-7c8d-4e9f';
    const body = { name: 'Legacy', role: 'viewer' };
    const stored = JSON.stringify({ id: 'legacy-id', key: 'bat_legacy0000_SECRETSECRETSECRETSECRETSECRET' });
    await db.query(
      `INSERT INTO gateway.idempotency_key
         (tenant_id, principal, key, request_hash, method, path, state, response_status, response_headers,
          response_body, expires_at)
       VALUES ($1, 'admin-a', $2, $3, 'POST', '/api/v1/api-keys', 'completed', 201, $4, $5, now() + interval '1 hour')`,
      [
        TENANT_A,
        key,
        requestHash('POST', '/api/v1/api-keys', body),
        { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        stored,
      ],
    );
    expect(await gw.app.get(IdempotencyRepository).sealLegacyRows()).toBe(1);
    const text = await tableText();
    expect(text).not.toContain('SECRETSECRET');
    expect(text).not.toContain(key);
    const replayed = await post('/api-keys', key, body);
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.text).toBe(stored);
  });
});
