import { DemoTenants } from '@baton/contracts';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { ApiKeyEntity } from '../api-keys/api-key.entity.js';
import { hashApiKey } from '../api-keys/api-key-secret.js';
import { TenantSettingsCache } from '../tenants/tenant-settings.cache.js';
import { Ids, PROBLEM_JSON, useGatewayWithStandIn } from './support.js';

// Tenants (platform admins), users and role assignments, API keys and settings (PMO admins).
describe('tenants, users, API keys and settings', () => {
  const h = useGatewayWithStandIn({ PLATFORM_ADMIN_SUBJECTS: 'root-operator', AUTH_CACHE_TTL_MS: '60000' });
  let admin: string;
  let otherAdmin: string;
  let viewer: string;

  beforeAll(async () => {
    admin = `Bearer ${await h.gw.token({ sub: 'pmo-lead', roles: ['pmo-admin'] })}`;
    otherAdmin = `Bearer ${await h.gw.token({ sub: 'other-lead', tenantId: DemoTenants.other.id, roles: ['pmo-admin'] })}`;
    viewer = `Bearer ${await h.gw.token({ sub: 'vic', roles: ['viewer'] })}`;
  });

  const api = () => request(h.gw.server);

  describe('tenants', () => {
    it('lets a platform admin create a tenant with a first PMO admin, whose token then manages it', async () => {
      const root = `Bearer ${await h.gw.token({ sub: 'root-operator', roles: ['viewer'] })}`;
      const created = await api()
        .post('/api/v1/tenants')
        .set('Authorization', root)
        .send({ name: 'Infra PMO', admin: { subject: 'ina' } });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/api/v1/tenants/${created.body.id}`);
      expect(created.body).toMatchObject({ name: 'Infra PMO', version: 1 });

      const got = await api().get(`/api/v1/tenants/${created.body.id}`).set('Authorization', root);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      const listed = await api().get('/api/v1/tenants?q=Infra&limit=1').set('Authorization', root);
      expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);

      // ina has no roles in the token: the directory's pmo-admin assignment grants tenant:admin
      const ina = `Bearer ${await h.gw.token({ sub: 'ina', tenantId: created.body.id, roles: [] })}`;
      const users = await api().get('/api/v1/users').set('Authorization', ina);
      expect(users.status).toBe(200);
      expect(users.body.items).toMatchObject([
        { subject: 'ina', roles: [{ role: 'pmo-admin', projectId: null }] },
      ]);
    });

    it('refuses tenant creation to a PMO admin who is not a platform admin (403)', async () => {
      const res = await api().post('/api/v1/tenants').set('Authorization', admin).send({ name: 'Sneaky' });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect((await api().get('/api/v1/tenants').set('Authorization', admin)).status).toBe(403);
    });
  });

  describe('users and role assignments', () => {
    it('creates, lists with filters and sparse fields, updates with If-Match, assigns and removes roles', async () => {
      const created = await api()
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ subject: 'sam', email: 'sam@example.com', displayName: 'Sam', roles: [{ role: 'finance' }] });
      expect(created.status).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      const id = created.body.id as string;

      const dup = await api().post('/api/v1/users').set('Authorization', admin).send({ subject: 'sam' });
      expect(dup.status).toBe(409);
      expect(dup.body.errors).toEqual([expect.objectContaining({ field: 'subject' })]);

      const sparse = await api().get('/api/v1/users?role=finance&fields=subject').set('Authorization', admin);
      expect(sparse.status).toBe(200);
      expect(sparse.body.items).toContainEqual({ id, subject: 'sam' });
      // id is in every item anyway: naming it is no error
      const withId = await api()
        .get('/api/v1/users?role=finance&fields=id,subject')
        .set('Authorization', admin);
      expect(withId.status).toBe(200);
      expect(withId.body.items).toEqual(sparse.body.items);
      const badField = await api().get('/api/v1/users?fields=subject,tenantId').set('Authorization', admin);
      expect(badField.status).toBe(400);
      expect(badField.body.errors[0].field).toBe('fields');

      const assigned = await api()
        .post(`/api/v1/users/${id}/roles`)
        .set('Authorization', admin)
        .send({ role: 'project-manager', projectId: Ids.existing });
      expect(assigned.status).toBe(201);
      const again = await api()
        .post(`/api/v1/users/${id}/roles`)
        .set('Authorization', admin)
        .send({ role: 'project-manager', projectId: Ids.existing });
      expect(again.status).toBe(409);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
      const unknownProject = await api()
        .post(`/api/v1/users/${id}/roles`)
        .set('Authorization', admin)
        .send({ role: 'viewer', projectId: Ids.missing });
      expect(unknownProject.status).toBe(400);
      expect(unknownProject.body.errors[0].field).toBe('projectId');

      const stale = await api()
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', admin)
        .set('If-Match', '"1"')
        .send({ displayName: 'Samuel' });
      expect(stale.status).toBe(412);
      const patched = await api()
        .patch(`/api/v1/users/${id}`)
        .set('Authorization', admin)
        .set('If-Match', '"2"')
        .send({ displayName: 'Samuel' });
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('"3"');

      expect(
        (await api().delete(`/api/v1/users/${id}/roles/${assigned.body.id}`).set('Authorization', admin))
          .status,
      ).toBe(204);
      const after = await api().get(`/api/v1/users/${id}`).set('Authorization', admin);
      expect(after.body.roles.map((r: { role: string }) => r.role)).toEqual(['finance']);
    });

    it('pages users with a next link', async () => {
      for (const s of ['p1', 'p2', 'p3'])
        await api()
          .post('/api/v1/users')
          .set('Authorization', admin)
          .send({ subject: `page-${s}` });
      const first = await api().get('/api/v1/users?q=page-&sort=subject&limit=2').set('Authorization', admin);
      expect(first.body.items.map((u: { subject: string }) => u.subject)).toEqual(['page-p1', 'page-p2']);
      expect(first.headers.link).toMatch(/rel="next"/);
      const next = /<([^>]+)>/.exec(String(first.headers.link))?.[1] ?? '';
      const second = await api().get(next).set('Authorization', admin);
      expect(second.body.items.map((u: { subject: string }) => u.subject)).toEqual(['page-p3']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('keeps tenants apart: another tenant sees 404 and no rows', async () => {
      const created = await api()
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ subject: 'secret-sue' });
      expect(
        (await api().get(`/api/v1/users/${created.body.id}`).set('Authorization', otherAdmin)).status,
      ).toBe(404);
      expect(
        (
          await api()
            .patch(`/api/v1/users/${created.body.id}`)
            .set('Authorization', otherAdmin)
            .send({ displayName: 'x' })
        ).status,
      ).toBe(404);
      expect(
        (await api().delete(`/api/v1/users/${created.body.id}`).set('Authorization', otherAdmin)).status,
      ).toBe(404);
      const list = await api().get('/api/v1/users?q=secret').set('Authorization', otherAdmin);
      expect(list.body.items).toEqual([]);
    });

    it('refuses to remove, disable or demote the last active PMO admin of a tenant (409)', async () => {
      const root = `Bearer ${await h.gw.token({ sub: 'root-operator', roles: ['viewer'] })}`;
      const tenant = await api()
        .post('/api/v1/tenants')
        .set('Authorization', root)
        .send({ name: 'Solo PMO', admin: { subject: 'solo' } });
      const solo = `Bearer ${await h.gw.token({ sub: 'solo', tenantId: tenant.body.id, roles: [] })}`;
      const [me] = (await api().get('/api/v1/users').set('Authorization', solo)).body.items;
      const adminRole = me.roles[0].id as string;
      expect(
        (await api().delete(`/api/v1/users/${me.id}/roles/${adminRole}`).set('Authorization', solo)).status,
      ).toBe(409);
      expect(
        (await api().patch(`/api/v1/users/${me.id}`).set('Authorization', solo).send({ status: 'disabled' }))
          .status,
      ).toBe(409);
      expect((await api().delete(`/api/v1/users/${me.id}`).set('Authorization', solo)).status).toBe(409);
      // with a second admin, the first may go
      const second = await api()
        .post('/api/v1/users')
        .set('Authorization', solo)
        .send({ subject: 'duo', roles: [{ role: 'pmo-admin' }] });
      expect(second.status).toBe(201);
      expect(
        (await api().delete(`/api/v1/users/${me.id}/roles/${adminRole}`).set('Authorization', solo)).status,
      ).toBe(204);
    });

    it('needs tenant:admin (a viewer gets 403)', async () => {
      expect((await api().get('/api/v1/users').set('Authorization', viewer)).status).toBe(403);
    });
  });

  describe('API keys', () => {
    it('shows the secret once, lists prefixes only, stores only a hash, and the key authenticates with its role', async () => {
      const created = await api()
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: 'Jira sync', role: 'viewer', expiresInDays: 30 });
      expect(created.status).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      const { key, id, prefix } = created.body as { key: string; id: string; prefix: string };
      expect(key).toMatch(/^bat_[a-z2-9]{10}_[A-Za-z0-9_-]{43}$/);
      expect(key.startsWith(`${prefix}_`)).toBe(true);
      expect(Date.parse(created.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

      const row = await h.gw.app.get(DataSource).getRepository(ApiKeyEntity).findOneByOrFail({ id });
      expect(row.secretHash).toBe(hashApiKey(key));
      // the secret is the 43 characters after `bat_<prefix>_` (base64url: it may hold '_' itself)
      const secret = key.slice(-43);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(row)).not.toContain(secret);

      const listed = await api().get('/api/v1/api-keys').set('Authorization', admin);
      expect(listed.body.items.find((k: { id: string }) => k.id === id)).toMatchObject({
        prefix,
        status: 'active',
      });
      expect(JSON.stringify(listed.body)).not.toContain(key);
      const got = await api().get(`/api/v1/api-keys/${id}`).set('Authorization', admin);
      expect(got.body.key).toBeUndefined();

      expect((await api().get('/api/v1/projects').set('Authorization', `Bearer ${key}`)).status).toBe(200);
      expect(h.standIn.planning.calls.at(-1)?.ctx).toMatchObject({
        tenantId: DemoTenants.demo.id,
        actor: { id: `api-key:${id}`, roles: ['viewer'] },
      });
      // a viewer key may not write
      expect(
        (await api().post('/api/v1/projects').set('Authorization', `Bearer ${key}`).send({ name: 'x' }))
          .status,
      ).toBe(403);
    });

    it('rotates: the new secret works and the old one is refused at once', async () => {
      const created = await api()
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: 'CI', role: 'project-manager' });
      const old = created.body.key as string;
      expect((await api().get('/api/v1/projects').set('Authorization', `Bearer ${old}`)).status).toBe(200); // now cached
      const rotated = await api()
        .post(`/api/v1/api-keys/${created.body.id}/rotate`)
        .set('Authorization', admin)
        .set('If-Match', '"1"');
      expect(rotated.status).toBe(200);
      expect(rotated.body.key).not.toBe(old);
      expect(rotated.body.rotatedAt).not.toBeNull();
      const refused = await api().get('/api/v1/projects').set('Authorization', `Bearer ${old}`);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(
        (await api().get('/api/v1/projects').set('Authorization', `Bearer ${rotated.body.key}`)).status,
      ).toBe(200);
    });

    it('revokes: refused at once although the verification was cached; a revoked key cannot be rotated', async () => {
      const created = await api()
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: 'BI', role: 'viewer' });
      const key = created.body.key as string;
      expect((await api().get('/api/v1/projects').set('Authorization', `Bearer ${key}`)).status).toBe(200);
      const revoked = await api()
        .post(`/api/v1/api-keys/${created.body.id}/revoke`)
        .set('Authorization', admin);
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
      const res = await api().get('/api/v1/projects').set('Authorization', `Bearer ${key}`);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/revoked/);
      expect(
        (await api().post(`/api/v1/api-keys/${created.body.id}/rotate`).set('Authorization', admin)).status,
      ).toBe(409);
      const listed = await api()
        .get('/api/v1/api-keys?status=revoked&fields=name,status')
        .set('Authorization', admin);
      expect(listed.body.items).toContainEqual({ id: created.body.id, name: 'BI', status: 'revoked' });
      const withId = await api()
        .get('/api/v1/api-keys?status=revoked&fields=id,name,status')
        .set('Authorization', admin);
      expect(withId.status).toBe(200);
      expect(withId.body.items).toEqual(listed.body.items);
    });

    it('refuses an expired key', async () => {
      const created = await api()
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: 'old', role: 'viewer' });
      await h.gw.app
        .get(DataSource)
        .getRepository(ApiKeyEntity)
        .update({ id: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await api().get('/api/v1/projects').set('Authorization', `Bearer ${created.body.key}`);
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/expired/);
      // rotation keeps the expiry, so a new secret would be dead on arrival: 409, nothing changes
      const rotated = await api()
        .post(`/api/v1/api-keys/${created.body.id}/rotate`)
        .set('Authorization', admin);
      expect(rotated.status).toBe(409);
      expect(rotated.body.detail).toMatch(/expired/);
      expect(rotated.body.key).toBeUndefined();
      const after = await api().get(`/api/v1/api-keys/${created.body.id}`).set('Authorization', admin);
      expect(after.body).toMatchObject({ status: 'expired', version: 1, rotatedAt: null });
    });

    it('refuses malformed and unknown keys with 401', async () => {
      for (const bad of ['bat_nope', `bat_abcdefghjk_${'A'.repeat(43)}`]) {
        const res = await api().get('/api/v1/projects').set('Authorization', `Bearer ${bad}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('keeps API keys per tenant: another tenant gets 404 and an empty list', async () => {
      const created = await api()
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: 'mine', role: 'viewer' });
      expect(
        (await api().get(`/api/v1/api-keys/${created.body.id}`).set('Authorization', otherAdmin)).status,
      ).toBe(404);
      expect(
        (await api().post(`/api/v1/api-keys/${created.body.id}/revoke`).set('Authorization', otherAdmin))
          .status,
      ).toBe(404);
      const theirs = await api().get('/api/v1/api-keys').set('Authorization', otherAdmin);
      expect(theirs.body.items.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
    });
  });

  describe('settings', () => {
    it('reads and changes the tenant settings with If-Match; the cache other features read sees the change', async () => {
      const got = await api().get('/api/v1/settings').set('Authorization', admin);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ rateLimitPerMinute: null, webhookAllowPrivateTargets: false });
      const etag = got.headers.etag as string;
      const changed = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin)
        .set('If-Match', etag)
        .send({ rateLimitPerMinute: 1200, webhookAllowPrivateTargets: false });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ rateLimitPerMinute: 1200, webhookAllowPrivateTargets: false });
      // a change that changes nothing (an empty body, the values already there) keeps the version
      for (const body of [{}, { rateLimitPerMinute: 1200 }]) {
        const same = await api()
          .patch('/api/v1/settings')
          .set('Authorization', admin)
          .set('If-Match', changed.headers.etag as string)
          .send(body);
        expect(same.status).toBe(200);
        expect(same.headers.etag).toBe(changed.headers.etag);
      }
      expect(
        (
          await api()
            .patch('/api/v1/settings')
            .set('Authorization', admin)
            .set('If-Match', etag)
            .send({ rateLimitPerMinute: 5 })
        ).status,
      ).toBe(412);
      const bad = await api()
        .patch('/api/v1/settings')
        .set('Authorization', admin)
        .send({ rateLimitPerMinute: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('rateLimitPerMinute');

      expect(h.gw.app.get(TenantSettingsCache).get(DemoTenants.demo.id)).toMatchObject({
        tenantId: DemoTenants.demo.id,
        rateLimitPerMinute: 1200,
        webhookAllowPrivateTargets: false,
      });
      const other = await api().get('/api/v1/settings').set('Authorization', otherAdmin);
      expect(other.body).toMatchObject({ rateLimitPerMinute: null, webhookAllowPrivateTargets: false });
    });

    it('answers 404 for a tenant the gateway does not know', async () => {
      const stranger = `Bearer ${await h.gw.token({ tenantId: randomUUID(), roles: ['pmo-admin'] })}`;
      expect((await api().get('/api/v1/settings').set('Authorization', stranger)).status).toBe(404);
    });
  });
});
