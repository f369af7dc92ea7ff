import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { AuditWriter } from '../audit/audit-writer.js';
import { hashIdempotencyKey } from '../idempotency/response-seal.js';
import { startCountingPlanning, TENANT_A, TENANT_B, type CountingPlanning } from './integration-standin.js';
import { PROBLEM_JSON, startGateway, type TestGateway } from './support.js';

describe('Idempotency-Key and the audit log (real NATS and Postgres)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let standIn: { app: INestApplicationContext; planning: CountingPlanning };
  let db: pg.Client;
  let alice: string;
  let bob: string;
  let otherTenant: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    standIn = await startCountingPlanning(env);
    gw = await startGateway(env, {
      AUDIT_FLUSH_MS: '20',
      RATE_LIMIT_ENABLED: 'false',
      PLATFORM_ADMIN_SUBJECTS: 'root-operator',
    });
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    alice = `Bearer ${await gw.token({ sub: 'alice' })}`;
    bob = `Bearer ${await gw.token({ sub: 'bob' })}`;
    otherTenant = `Bearer ${await gw.token({ sub: 'carol', tenantId: TENANT_B })}`;
  });

  afterAll(async () => {
    await db?.end();
    await gw?.close();
    await standIn?.app.close();
    await env?.dispose();
  });

  const post = (auth: string, key: string | undefined, body: object, requestId?: string) => {
    const r = request(gw.server).post('/api/v1/projects').set('Authorization', auth);
    if (key !== undefined) r.set('Idempotency-Key', key);
    if (requestId) r.set('X-Request-Id', requestId);
    return r.send(body);
  };
  const creates = (name: string) => standIn.planning.created.filter((n) => n === name).length;

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body (keys in another order), without calling planning again', async () => {
      const first = await post(alice, 'key-1', { name: 'Replay me', description: 'x' });
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await request(gw.server)
        .post('/api/v1/projects')
        .set('Authorization', alice)
        .set('Idempotency-Key', 'key-1')
        .set('content-type', 'application/json')
        .send('{"description":"x","name":"Replay me"}');
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(creates('Replay me')).toBe(1);
    });

    it('refuses the same key with another body: 422 problem naming the Idempotency-Key header', async () => {
      expect((await post(alice, 'key-2', { name: 'First' })).status).toBe(201);
      const res = await post(alice, 'key-2', { name: 'Second' });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status: 422,
        type: 'urn:baton:problem:idempotency-key-reused',
        code: 'IDEMPOTENCY_KEY_REUSED',
        errors: [{ field: 'Idempotency-Key' }],
      });
      expect(creates('Second')).toBe(0);
    });

    it('scopes keys per principal and per tenant', async () => {
      const a = await post(alice, 'shared-key', { name: 'Scoped' });
      const b = await post(bob, 'shared-key', { name: 'Scoped' });
      const c = await post(otherTenant, 'shared-key', { name: 'Scoped' });
      expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(c.headers['idempotent-replayed']).toBeUndefined();
      expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
      expect(creates('Scoped')).toBe(3);
    });

    it('answers 409 to a duplicate while the first request is still in flight', async () => {
      const first = post(alice, 'key-slow', { name: 'slow' }).then((r) => r); // supertest sends on then()
      await waitFor(async () => creates('slow') === 1, { what: 'the first request to reach planning' });
      const second = await post(alice, 'key-slow', { name: 'slow' });
      expect(second.status).toBe(409);
      expect(second.headers['retry-after']).toBe('1');
      expect(second.body).toMatchObject({
        type: 'urn:baton:problem:idempotency-key-in-use',
        code: 'IDEMPOTENCY_KEY_IN_USE',
        errors: [{ field: 'Idempotency-Key' }],
      });
      expect((await first).status).toBe(201);
      const third = await post(alice, 'key-slow', { name: 'slow' });
      expect(third.status).toBe(201);
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(creates('slow')).toBe(1);
    });

    it('does not store a 5xx: a retry with the same key runs again', async () => {
      const failed = await post(alice, 'key-500', { name: 'fail-once-1' });
      expect(failed.status).toBe(500);
      const retry = await post(alice, 'key-500', { name: 'fail-once-1' });
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(creates('fail-once-1')).toBe(2);
    });

    it('stores a 4xx like any completed response', async () => {
      const bad = await post(alice, 'key-400', { name: '' });
      expect(bad.status).toBe(400);
      const again = await post(alice, 'key-400', { name: '' });
      expect(again.status).toBe(400);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(again.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a malformed key with 400 naming the header, and lets POSTs without a key through', async () => {
      const res = await post(alice, 'has spaces', { name: 'Bad key' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect((await post(alice, undefined, { name: 'No key' })).status).toBe(201);
      expect((await post(alice, undefined, { name: 'No key' })).status).toBe(201);
      expect(creates('No key')).toBe(2);
    });

    it('lets an expired key be used afresh', async () => {
      expect((await post(alice, 'key-expiring', { name: 'Old' })).status).toBe(201);
      await db.query(
        `UPDATE gateway.idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`,
        [hashIdempotencyKey('key-expiring')],
      );
      const res = await post(alice, 'key-expiring', { name: 'New' });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('New');
    });
  });

  describe('audit log', () => {
    const audit = (auth: string, query = '') =>
      request(gw.server).get(`/api/v1/audit-events${query}`).set('Authorization', auth);

    it('records each mutating request: actor, auth method, tenant, route, operationId, target, status, request id', async () => {
      const created = await post(alice, undefined, { name: 'Audited' }, 'audit-req-1');
      expect(created.status).toBe(201);
      await waitFor(async () => (await audit(alice, '?requestId=audit-req-1')).body.items?.length === 1, {
        what: 'the audit event',
      });
      const res = await audit(alice, '?requestId=audit-req-1');
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({
        tenantId: TENANT_A,
        actor: { id: 'alice', authMethod: 'dev-token' },
        method: 'POST',
        route: '/api/v1/projects',
        operationId: 'createProject',
        targetId: created.body.id,
        status: 201,
        requestId: 'audit-req-1',
      });
      expect(Date.parse(res.body.items[0].occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('records failures too, and never reads (GET) requests', async () => {
      await post(alice, 'key-2', { name: 'Third' }, 'audit-req-422'); // key reused → 422
      await request(gw.server)
        .get('/api/v1/audit-events')
        .set('Authorization', alice)
        .set('X-Request-Id', 'audit-get');
      await waitFor(async () => (await audit(alice, '?requestId=audit-req-422')).body.items?.length === 1, {
        what: 'the 422',
      });
      expect((await audit(alice, '?requestId=audit-req-422')).body.items[0]).toMatchObject({
        status: 422,
        operationId: 'createProject',
      });
      await gw.app.get(AuditWriter).flush();
      expect((await audit(alice, '?requestId=audit-get')).body.items).toEqual([]);
    });

    it('filters, paginates newest first with a next link, and shows a tenant only its own events', async () => {
      await post(bob, undefined, { name: 'Bob one' });
      await post(bob, undefined, { name: 'Bob two' });
      await post(otherTenant, undefined, { name: 'Elsewhere' }, 'other-tenant-req');
      await gw.app.get(AuditWriter).flush();
      const page1 = await audit(alice, '?actorId=bob&operationId=createProject&limit=1');
      expect(page1.body.items).toHaveLength(1);
      expect(page1.headers.link).toMatch(/rel="next"/);
      const page2 = await audit(
        alice,
        `?actorId=bob&operationId=createProject&limit=1&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
      expect(Date.parse(page2.body.items[0].occurredAt)).toBeLessThanOrEqual(
        Date.parse(page1.body.items[0].occurredAt),
      );
      const all = await audit(alice, '?limit=100');
      expect(all.body.items.every((e: { tenantId: string }) => e.tenantId === TENANT_A)).toBe(true);
      expect(all.body.items.some((e: { requestId: string }) => e.requestId === 'other-tenant-req')).toBe(
        false,
      );
      expect((await audit(otherTenant, '?requestId=other-tenant-req')).body.items).toHaveLength(1);
    });

    it('records a mutating request the caller\'s roles refuse (403), with the caller', async () => {
      const viewer = `Bearer ${await gw.token({ sub: 'vic', roles: ['viewer'] })}`;
      const refused = await post(viewer, undefined, { name: 'Not allowed' }, 'audit-req-403');
      expect(refused.status).toBe(403);
      await gw.app.get(AuditWriter).flush();
      expect((await audit(alice, '?requestId=audit-req-403')).body.items).toMatchObject([
        {
          tenantId: TENANT_A,
          actor: { id: 'vic', authMethod: 'dev-token' },
          method: 'POST',
          operationId: 'createProject',
          status: 403,
        },
      ]);
    });

    it('files a platform admin\'s change to a tenant under that tenant, where its admins can read it', async () => {
      const root = `Bearer ${await gw.token({ sub: 'root-operator', roles: [] })}`; // acting from tenant A
      const changed = await request(gw.server)
        .patch(`/api/v1/tenants/${TENANT_B}/settings`)
        .set('Authorization', root)
        .set('X-Request-Id', 'audit-req-platform')
        .send({ rateLimitPerMinute: 600 });
      expect(changed.status).toBe(200);
      const created = await request(gw.server)
        .post('/api/v1/tenants')
        .set('Authorization', root)
        .set('X-Request-Id', 'audit-req-new-tenant')
        .send({ name: 'Audited PMO', admin: { subject: 'nina' } });
      expect(created.status).toBe(201);
      await gw.app.get(AuditWriter).flush();

      expect((await audit(otherTenant, '?requestId=audit-req-platform')).body.items).toMatchObject([
        {
          tenantId: TENANT_B,
          actor: { id: 'root-operator' },
          method: 'PATCH',
          operationId: 'updateTenantSettings',
          targetId: TENANT_B,
          status: 200,
        },
      ]);
      expect((await audit(alice, '?requestId=audit-req-platform')).body.items).toEqual([]);
      const nina = `Bearer ${await gw.token({ sub: 'nina', tenantId: created.body.id, roles: [] })}`;
      expect((await audit(nina, '?requestId=audit-req-new-tenant')).body.items).toMatchObject([
        { tenantId: created.body.id, operationId: 'createTenant', targetId: created.body.id, status: 201 },
      ]);
    });

    it('refuses a forged cursor and bad filters with 400', async () => {
      expect((await audit(alice, '?cursor=abc')).status).toBe(400);
      expect((await audit(alice, '?method=GET')).status).toBe(400);
      expect((await audit(alice, '?from=yesterday')).status).toBe(400);
    });

    it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE, and the API has no route for them', async () => {
      await expect(db.query(`UPDATE gateway.audit_event SET status = 200`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM gateway.audit_event`)).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE gateway.audit_event`)).rejects.toThrow(/append-only/);
      const anyId = (await audit(alice, '?limit=1')).body.items[0].id;
      expect(
        (await request(gw.server).delete(`/api/v1/audit-events/${anyId}`).set('Authorization', alice)).status,
      ).toBe(404);
      expect(
        (await request(gw.server).patch(`/api/v1/audit-events/${anyId}`).set('Authorization', alice).send({}))
          .status,
      ).toBe(404);
    });
  });
});
