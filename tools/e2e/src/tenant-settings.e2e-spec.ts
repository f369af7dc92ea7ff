import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { startReceiver, type Receiver } from '../../../services/gateway/src/test/webhook-receiver.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';

const PROBLEM_JSON = /^application\/problem\+json/;
const ROOT = 'platform-root';

/**
 * Issue 5: a tenant's settings, changed through the API, take effect on the real request path.
 * Real planning, Postgres, NATS and JetStream; two gateway replicas on one database: `gw` (where
 * the changes are made; it never reloads settings by itself during the test, so what applies there
 * applied at once) and `replica` (reloads every 200 ms, as another replica would).
 */
describe('tenant settings through the gateway: rate limits and private webhook targets', () => {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let gw: TestGateway;
  let replica: TestGateway;
  let receiver: Receiver;
  const tenant = { a: '', b: '' };
  const auth = { root: '', adminA: '', adminB: '', keyA: '', keyB: '' };

  beforeAll(async () => {
    env = await createTestEnvironment();
    receiver = await startReceiver(200);
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    const common = {
      PLATFORM_ADMIN_SUBJECTS: ROOT,
      RATE_LIMIT_ENABLED: 'true', // default limits: 20/s, burst 100 per caller; ceiling 1200/min
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false', // the receiver is on 127.0.0.1: only the setting can allow it
    };
    gw = await startGateway(env, {
      ...common,
      TENANT_SETTINGS_REFRESH_MS: '300000',
      WEBHOOK_POLL_MS: '20',
      WEBHOOK_MAX_ATTEMPTS: '1',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    replica = await startGateway(env, {
      ...common,
      TENANT_SETTINGS_REFRESH_MS: '200',
      WEBHOOK_DELIVERY_ENABLED: 'false',
    });
    auth.root = `Bearer ${await gw.token({ sub: ROOT, roles: ['pmo-admin'] })}`;
    const newTenant = async (name: string, admin: string) =>
      (
        await request(gw.server)
          .post('/api/v1/tenants')
          .set('Authorization', auth.root)
          .send({ name, admin: { subject: admin } })
          .expect(201)
      ).body.id as string;
    tenant.a = await newTenant('Tenant A', 'a-admin');
    tenant.b = await newTenant('Tenant B', 'b-admin');
    auth.adminA = `Bearer ${await gw.token({ sub: 'a-admin', tenantId: tenant.a })}`;
    auth.adminB = `Bearer ${await gw.token({ sub: 'b-admin', tenantId: tenant.b })}`;
    // the integration teams' credentials: one API key per tenant (they work on both replicas)
    const newKey = async (admin: string) =>
      `Bearer ${
        (
          await request(gw.server)
            .post('/api/v1/api-keys')
            .set('Authorization', admin)
            .send({ name: 'ERP sync', role: 'viewer' })
            .expect(201)
        ).body.key
      }`;
    auth.keyA = await newKey(auth.adminA);
    auth.keyB = await newKey(auth.adminB);
  }, 60_000);

  afterAll(async () => {
    await replica?.close();
    await gw?.close();
    await planning?.close();
    await receiver?.close();
    await env?.dispose();
  });

  const on = (g: TestGateway) => request(g.server);
  const api = () => on(gw);
  const subscribe = (admin: string) =>
    api()
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', admin)
      .send({ url: receiver.url, eventTypes: ['planning.project.created'] });
  const setTenantSettings = (tenantId: string, body: object, ifMatch?: string) => {
    const req = api().patch(`/api/v1/tenants/${tenantId}/settings`).set('Authorization', auth.root);
    return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
  };

  describe('who may change what', () => {
    it('refuses a tenant admin enabling private webhook targets: 403 naming the field, settings unchanged', async () => {
      const res = await api()
        .patch('/api/v1/settings')
        .set('Authorization', auth.adminA)
        .send({ webhookAllowPrivateTargets: true });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(res.body.errors).toEqual([{ field: 'webhookAllowPrivateTargets', message: expect.any(String) }]);
      const now = await api().get('/api/v1/settings').set('Authorization', auth.adminA).expect(200);
      expect(now.body).toMatchObject({
        webhookAllowPrivateTargets: false,
        rateLimitPerMinute: null,
        version: 1,
      });
    });

    it('refuses a tenant admin a rate limit above the gateway ceiling (403 naming the field)', async () => {
      const res = await api()
        .patch('/api/v1/settings')
        .set('Authorization', auth.adminA)
        .send({ rateLimitPerMinute: 1201 });
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([
        { field: 'rateLimitPerMinute', message: expect.stringContaining('at most 1200') },
      ]);
    });

    it("refuses bad input on a tenant's settings: unknown tenant 404, wrong type or read-only field 400 naming it", async () => {
      const missing = await api()
        .patch('/api/v1/tenants/7d9c1c52-2f6e-4b8e-9a3e-0c3f7e1b5a44/settings')
        .set('Authorization', auth.root)
        .send({ rateLimitPerMinute: 60 });
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(PROBLEM_JSON);
      for (const [body, field] of [
        [{ rateLimitPerMinute: 'sixty' }, 'rateLimitPerMinute'],
        [{ webhookAllowPrivateTargets: 'yes' }, 'webhookAllowPrivateTargets'],
        [{ version: 9 }, 'version'],
      ] as const) {
        const res = await api()
          .patch(`/api/v1/tenants/${tenant.a}/settings`)
          .set('Authorization', auth.root)
          .send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const unchanged = await api()
        .get(`/api/v1/tenants/${tenant.a}/settings`)
        .set('Authorization', auth.root);
      expect(unchanged.body).toMatchObject({ rateLimitPerMinute: null, webhookAllowPrivateTargets: false });
    });

    it("keeps a tenant's settings endpoint for platform admins only", async () => {
      const res = await api().get(`/api/v1/tenants/${tenant.a}/settings`).set('Authorization', auth.adminA);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('private webhook targets', () => {
    let endpointId = '';

    it('refuses a loopback webhook URL while the tenant is not allowed private targets', async () => {
      const res = await subscribe(auth.adminA);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED', errors: [{ field: 'url' }] });
    });

    it('lets a platform admin allow them for one tenant (If-Match, audited); that tenant may subscribe, the other may not', async () => {
      const current = await api()
        .get(`/api/v1/tenants/${tenant.a}/settings`)
        .set('Authorization', auth.root)
        .expect(200);
      const changed = await setTenantSettings(
        tenant.a,
        { webhookAllowPrivateTargets: true },
        current.headers.etag,
      );
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ webhookAllowPrivateTargets: true, version: 2 });
      expect(changed.headers.etag).toBe('"2"');
      expect((await setTenantSettings(tenant.a, { webhookAllowPrivateTargets: true }, '"1"')).status).toBe(
        412,
      );

      const created = await subscribe(auth.adminA);
      expect(created.status).toBe(201);
      endpointId = created.body.id;
      expect((await subscribe(auth.adminB)).status).toBe(422);

      // filed under the tenant changed: its own admins see who changed their settings
      const audited = await waitFor(
        async () => {
          const r = await api()
            .get('/api/v1/audit-events?operationId=updateTenantSettings')
            .set('Authorization', auth.adminA);
          return r.body.items?.find((e: { status: number }) => e.status === 200);
        },
        { what: 'the audit entry of the change' },
      );
      expect(audited).toMatchObject({
        tenantId: tenant.a,
        targetId: tenant.a,
        actor: { id: ROOT },
        method: 'PATCH',
      });
      const elsewhere = await api()
        .get('/api/v1/audit-events?operationId=updateTenantSettings')
        .set('Authorization', auth.adminB);
      expect(elsewhere.body.items).toEqual([]);
    });

    it("delivers the tenant's events to the loopback URL, and refuses delivery once the setting is off again", async () => {
      await api()
        .post('/api/v1/projects')
        .set('Authorization', auth.adminA)
        .send({ name: 'Delivered' })
        .expect(201);
      await waitFor(async () => receiver.received.some((r) => r.body.includes('Delivered')), {
        what: 'the delivery to 127.0.0.1',
        timeoutMs: 15_000,
      });

      const off = await setTenantSettings(tenant.a, { webhookAllowPrivateTargets: false });
      expect(off.body).toMatchObject({ webhookAllowPrivateTargets: false, version: 3 });
      await api()
        .post('/api/v1/projects')
        .set('Authorization', auth.adminA)
        .send({ name: 'Refused' })
        .expect(201);
      const failed = await waitFor(
        async () => {
          const r = await api()
            .get(`/api/v1/webhooks/endpoints/${endpointId}/deliveries?status=failed`)
            .set('Authorization', auth.adminA);
          return r.body.items?.[0] as { lastError: string } | undefined;
        },
        { what: 'the refused delivery', timeoutMs: 15_000 },
      );
      expect(failed.lastError).toMatch(/^refused: 127\.0\.0\.1 is a non-public address/);
      expect(receiver.received.some((r) => r.body.includes('Refused'))).toBe(false);
    });
  });

  describe('rate limits', () => {
    const callAs = (key: string, g: TestGateway = gw) =>
      on(g).get('/api/v1/projects?limit=1').set('Authorization', key);

    it("makes a tenant's rateLimitPerMinute its callers' limit at once: the 4th request of 3/min is 429; another tenant is unaffected", async () => {
      const lowered = await api()
        .patch('/api/v1/settings')
        .set('Authorization', auth.adminA)
        .send({ rateLimitPerMinute: 3 }); // lowering is the tenant admin's own call
      expect(lowered.status).toBe(200);
      expect(lowered.body.rateLimitPerMinute).toBe(3);

      const a = [];
      for (let i = 0; i < 4; i++) a.push(await callAs(auth.keyA));
      expect(a.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(a[0]!.headers['ratelimit-policy']).toBe('"tenant";q=500;w=5, "principal";q=3;w=60');
      const refused = a[3]!;
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(20); // one token every 20 s
      expect(refused.headers['ratelimit']).toMatch(/^"principal";r=0;t=\d+$/);

      const b = [];
      for (let i = 0; i < 6; i++) b.push(await callAs(auth.keyB));
      expect(b.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(b[0]!.headers['ratelimit-policy']).toBe('"tenant";q=500;w=5, "principal";q=100;w=5');
    });

    it('lets a platform admin go above the ceiling; the caller is let through again at once', async () => {
      const raised = await setTenantSettings(tenant.a, { rateLimitPerMinute: 6000 });
      expect(raised.status).toBe(200);
      await new Promise((r) => setTimeout(r, 50)); // 100 tokens/s now: one is back within 10 ms
      const res = await callAs(auth.keyA);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-policy']).toBe('"tenant";q=500;w=5, "principal";q=6000;w=60');
    });

    it('reaches another gateway replica within TENANT_SETTINGS_REFRESH_MS', async () => {
      const before = await callAs(auth.keyB, replica);
      expect(before.headers['ratelimit-policy']).toMatch(/"principal";q=100;w=5$/);
      await setTenantSettings(tenant.b, { rateLimitPerMinute: 2 }).expect(200);
      await waitFor(
        async () =>
          (await callAs(auth.keyB, replica)).headers['ratelimit-policy'] ===
          '"tenant";q=500;w=5, "principal";q=2;w=60',
        { what: "the replica applying tenant B's new limit", timeoutMs: 5000, intervalMs: 100 },
      );
      // the replica's bucket for key B was capped to 2 and spent by the call that saw the change
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await callAs(auth.keyB, replica)).status);
      expect(statuses).toContain(429);
      // reset to the gateway default: tenant B is back on the env limits
      await setTenantSettings(tenant.b, { rateLimitPerMinute: null }).expect(200);
      const reset = await callAs(auth.keyB);
      expect(reset.headers['ratelimit-policy']).toBe('"tenant";q=500;w=5, "principal";q=100;w=5');
    });
  });
});
