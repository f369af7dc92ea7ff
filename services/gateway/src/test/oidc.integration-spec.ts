import { DemoTenants } from '@baton/contracts';
import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SignJWT, UnsecuredJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  newSigningKey,
  signOidcToken,
  startJwksServer,
  type JwksServer,
  type OidcTokenOptions,
  type TestSigningKey,
} from './jwks-server.js';
import {
  Ids,
  PROBLEM_JSON,
  startGateway,
  startStandInPlanning,
  type RunningStandIn,
  type TestGateway,
} from './support.js';

const ISSUER = 'https://idp.example.test/realms/baton';
const AUDIENCE = 'baton-api';
const TENANT = DemoTenants.demo.id; // dev mode (on beside OIDC here) seeds the demo tenants
const STATUS = '/api/v1/system/status'; // needs system:read, which every role holds

describe('OIDC bearer tokens verified against a real JWKS endpoint', () => {
  let env: TestEnvironment;
  let jwks: JwksServer;
  let gw: TestGateway;
  let standIn: RunningStandIn;
  let k1: TestSigningKey;
  let k2: TestSigningKey;
  let admin: string; // a dev token of the demo tenant's PMO admin, to set up users

  const token = (o: OidcTokenOptions = {}, key = k1) =>
    signOidcToken(key, ISSUER, AUDIENCE, { ...o, claims: { tid: TENANT, roles: ['viewer'], ...o.claims } });
  const get = (path: string, bearer: string) =>
    request(gw.server).get(path).set('Authorization', `Bearer ${bearer}`);

  const expect401 = async (bearer: string, detail: RegExp, path = STATUS) => {
    const res = await get(path, bearer);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      requestId: res.headers['x-request-id'],
    });
    expect(res.body.detail).toMatch(detail);
  };

  beforeAll(async () => {
    [k1, k2] = await Promise.all([newSigningKey('k1'), newSigningKey('k2')]);
    jwks = await startJwksServer([k1]);
    env = await createTestEnvironment();
    standIn = await startStandInPlanning(env);
    gw = await startGateway(env, {
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URI: jwks.url,
      OIDC_ALGORITHMS: 'RS256',
      OIDC_CLOCK_TOLERANCE_S: '30',
      OIDC_JWKS_COOLDOWN_MS: '0',
      AUTH_CACHE_TTL_MS: '60000',
    });
    admin = await gw.token({ sub: 'dev-admin', roles: ['pmo-admin'] });
  });

  afterAll(async () => {
    await gw?.close();
    await standIn?.close();
    await jwks?.close();
    await env?.dispose();
  });

  it('accepts a token signed by the issuer and maps tenant and roles from its claims', async () => {
    const res = await get(STATUS, await token({ sub: 'olivia' }));
    expect(res.status).toBe(200);
    const created = await request(gw.server)
      .post('/api/v1/projects')
      .set(
        'Authorization',
        `Bearer ${await token({ sub: 'olivia', claims: { roles: ['project-manager', 'some-idp-group'] } })}`,
      )
      .send({ name: 'OIDC project' });
    expect(created.status).toBe(201);
    expect(standIn.planning.calls.at(-1)?.ctx).toMatchObject({
      tenantId: TENANT,
      actor: { id: 'olivia', roles: ['project-manager'] },
    });
  });

  it('picks up a key rotation: a token with an unknown kid makes the gateway fetch the JWKS again', async () => {
    expect((await get(STATUS, await token())).status).toBe(200);
    const before = jwks.fetches();
    jwks.publish([k2]);
    try {
      const res = await get(STATUS, await token({}, k2));
      expect(res.status).toBe(200);
      expect(jwks.fetches()).toBeGreaterThan(before);
      // the retired key is gone from the new set: tokens it signs are refused (one verified
      // before the rotation may be reused until its exp, at most VERIFIED_TOKEN_TTL_MS)
      await expect401(await token({ sub: 'signed-after-rotation' }, k1), /key the issuer does not publish/);
    } finally {
      jwks.publish([k1, k2]);
    }
  });

  it('caches the key set: many requests with a known kid do not fetch it again', async () => {
    const bearer = await token({}, k2);
    expect((await get(STATUS, bearer)).status).toBe(200);
    const before = jwks.fetches();
    for (let i = 0; i < 5; i++) expect((await get(STATUS, bearer)).status).toBe(200);
    expect(jwks.fetches()).toBe(before);
  });

  it('costs no database round trip per request: the role directory answer is cached per user', async () => {
    const bearer = await token({ sub: `cached-${randomUUID()}` });
    const query = jest.spyOn(gw.app.get(DataSource), 'query');
    try {
      for (let i = 0; i < 10; i++) expect((await get(STATUS, bearer)).status).toBe(200);
      const directoryReads = query.mock.calls.filter(([sql]) => String(sql).includes('gateway.tenant_user'));
      expect(directoryReads).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });

  it('refuses an expired token (beyond the clock tolerance) and accepts one inside it', async () => {
    await expect401(await token({ expiresIn: -120 }), /expired/);
    expect((await get(STATUS, await token({ expiresIn: -10 }))).status).toBe(200);
  });

  it('refuses a wrong audience', async () => {
    await expect401(await token({ audience: 'another-api' }), /"aud" claim/);
  });

  it('refuses a wrong issuer', async () => {
    await expect401(await token({ issuer: 'https://evil.example.test' }), /"iss" claim/);
  });

  it('refuses alg: none', async () => {
    const unsecured = new UnsecuredJWT({ tid: TENANT, roles: ['pmo-admin'] })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('10m')
      .encode();
    await expect401(unsecured, /malformed|must be signed with RS256/);
  });

  it('refuses HS256 signed with the public key as the HMAC secret (algorithm confusion)', async () => {
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(k1.publicJwk));
    const forged = await new SignJWT({ tid: TENANT, roles: ['pmo-admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('10m')
      .sign(publicKeyAsSecret);
    await expect401(forged, /must be signed with RS256/);
    const fromModulus = await new SignJWT({ tid: TENANT, roles: ['pmo-admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('10m')
      .sign(Buffer.from(k1.publicJwk.n!, 'base64url'));
    await expect401(fromModulus, /must be signed with RS256/);
  });

  it('refuses an algorithm outside OIDC_ALGORITHMS even when the issuer publishes the key', async () => {
    const es = await newSigningKey('es1', 'ES256');
    jwks.publish([k1, k2, es]);
    await expect401(await token({}, es), /must be signed with RS256/);
    jwks.publish([k1, k2]);
  });

  it('refuses a tampered signature and a tampered payload', async () => {
    const [h, p, s] = (await token()).split('.');
    const flipped = `${s!.slice(0, -4)}${s!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await expect401(`${h}.${p}.${flipped}`, /signature/);
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['pmo-admin'] })).toString('base64url');
    await expect401(`${h}.${escalated}.${s}`, /signature/);
  });

  it('refuses a tenant the gateway does not know, and a tenant claim that is not a uuid', async () => {
    await expect401(await token({ claims: { tid: randomUUID() } }), /tenant is not known/);
    await expect401(await token({ claims: { tid: 'acme' } }), /"tid" claim/);
  });

  it('ignores role names Baton does not know: such a caller has no permission (403)', async () => {
    const res = await get(STATUS, await token({ claims: { roles: ['root', 'admin'] } }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('takes tenant and roles from the directory when the token carries neither; a disabled user is refused', async () => {
    const subject = `carol-${randomUUID()}`;
    const created = await request(gw.server)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ subject, roles: [{ role: 'pmo-admin' }] });
    expect(created.status).toBe(201);
    const bare = await signOidcToken(k1, ISSUER, AUDIENCE, { sub: subject });
    const users = await get(`/api/v1/users?q=${encodeURIComponent(subject)}`, bare);
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { subject: string }) => u.subject)).toEqual([subject]);

    // another directory admin, so that disabling carol leaves the tenant an admin (else 409)
    const keeper = await request(gw.server)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ subject: `keeper-${randomUUID()}`, roles: [{ role: 'pmo-admin' }] });
    expect(keeper.status).toBe(201);
    const disabled = await request(gw.server)
      .patch(`/api/v1/users/${created.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ status: 'disabled' });
    expect(disabled.status).toBe(200);
    await expect401(bare, /disabled/);
  });

  it('honours a role assigned for one project only on routes naming that project', async () => {
    const subject = `dana-${randomUUID()}`;
    const projectId = Ids.existing;
    const created = await request(gw.server)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ subject, roles: [{ role: 'project-manager', projectId }] });
    expect(created.status).toBe(201);
    expect(created.body.roles).toMatchObject([{ role: 'project-manager', projectId }]);
    const dana = await signOidcToken(k1, ISSUER, AUDIENCE, { sub: subject, claims: { tid: TENANT } });

    const own = await request(gw.server)
      .patch(`/api/v1/projects/${projectId}`)
      .set('Authorization', `Bearer ${dana}`)
      .send({ name: 'renamed' });
    expect(own.status).toBe(200);
    expect(standIn.planning.calls.at(-1)).toMatchObject({
      handler: 'projectUpdate',
      ctx: { actor: { id: subject, roles: ['project-manager'] } },
    });

    const other = await request(gw.server)
      .patch(`/api/v1/projects/${randomUUID()}`)
      .set('Authorization', `Bearer ${dana}`)
      .send({ name: 'x' });
    expect(other.status).toBe(403);
    expect((await get('/api/v1/projects', dana)).status).toBe(403);
  });

  it("answers 503 with Retry-After, not 401, when the issuer's keys cannot be fetched", async () => {
    const fresh = await newSigningKey('k-new');
    jwks.failing(true);
    try {
      const res = await get(STATUS, await token({}, fresh));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      jwks.failing(false);
    }
    // keys already cached keep working
    expect((await get(STATUS, await token())).status).toBe(200);
  });

  it('still accepts development tokens beside OIDC (AUTH_DEV_MODE)', async () => {
    expect((await get(STATUS, await gw.token({ roles: ['viewer'] }))).status).toBe(200);
  });
});
