import { DemoTenants, DevToken } from '@baton/contracts';
import { loadConfig, newDevSigningKey } from '@baton/platform';
import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { createGatewayApp } from '../bootstrap.js';
import { GatewayConfig } from '../config/env.js';
import { PROBLEM_JSON, signTestToken, startGateway, type TestGateway } from './support.js';

// /api/v1/system/status is a protected endpoint that needs no backend (services are just 'down').
const PROTECTED = '/api/v1/system/status';

describe('gateway authentication (dev mode)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;

  beforeAll(async () => {
    env = await createTestEnvironment();
    gw = await startGateway(env);
  });

  afterAll(async () => {
    await gw?.close();
    await env?.dispose();
  });

  const expect401 = async (authorization: string | undefined, detail: RegExp) => {
    const req = request(gw.server).get(PROTECTED);
    if (authorization !== undefined) req.set('Authorization', authorization);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="baton"/);
    expect(res.body).toMatchObject({
      type: 'urn:baton:problem:unauthenticated',
      status: 401,
      code: 'UNAUTHENTICATED',
      instance: PROTECTED,
    });
    expect(res.body.detail).toMatch(detail);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    return res;
  };

  it('accepts a valid dev token and answers 200', async () => {
    const res = await request(gw.server).get(PROTECTED).set('Authorization', `Bearer ${await gw.token()}`);
    expect(res.status).toBe(200);
    expect(res.body.services.map((s: { name: string }) => s.name)).toContain('gateway');
  });

  it('answers 401 without a token', async () => {
    await expect401(undefined, /Authentication is required/);
  });

  it('answers 401 for a non-Bearer Authorization header', async () => {
    await expect401('Basic dXNlcjpwYXNz', /must be "Bearer <token>"/);
  });

  it('answers 401 for a tampered signature', async () => {
    const token = await gw.token();
    const [h, p, s] = token.split('.');
    const flipped = `${s!.slice(0, -2)}${s!.slice(-2) === 'AA' ? 'BB' : 'AA'}`;
    const res = await expect401(`Bearer ${h}.${p}.${flipped}`, /signature/);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('answers 401 for a token signed with another key', async () => {
    const other = await signTestToken(newDevSigningKey());
    await expect401(`Bearer ${other}`, /signature/);
  });

  it('answers 401 for a tampered payload (tenant swapped)', async () => {
    const token = await gw.token();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ tid: DemoTenants.other.id, roles: ['pmo-admin'], sub: 'x', iss: DevToken.issuer, aud: DevToken.audience, exp: 4e9 }),
    ).toString('base64url');
    await expect401(`Bearer ${h}.${forged}.${s}`, /signature/);
  });

  it('answers 401 for an expired token (beyond the 30 s clock tolerance)', async () => {
    await expect401(`Bearer ${await gw.token({ expiresInSeconds: -60 })}`, /expired/);
  });

  it('accepts a token expired by less than the clock tolerance', async () => {
    const res = await request(gw.server)
      .get(PROTECTED)
      .set('Authorization', `Bearer ${await gw.token({ expiresInSeconds: -5 })}`);
    expect(res.status).toBe(200);
  });

  it('answers 401 for a wrong audience', async () => {
    await expect401(`Bearer ${await gw.token({ audience: 'someone-else' })}`, /"aud" claim/);
  });

  it('answers 401 for a wrong issuer', async () => {
    await expect401(`Bearer ${await gw.token({ issuer: 'https://evil.example' })}`, /"iss" claim/);
  });

  it('answers 401 for alg: none', async () => {
    const unsecured = new UnsecuredJWT({ tid: DemoTenants.demo.id, roles: ['pmo-admin'] })
      .setSubject('mallory')
      .setIssuer(DevToken.issuer)
      .setAudience(DevToken.audience)
      .setExpirationTime('1h')
      .encode();
    await expect401(`Bearer ${unsecured}`, /malformed|HS256/);
  });

  it('answers 401 for HS512 even with the right key', async () => {
    const hs512 = await new SignJWT({ tid: DemoTenants.demo.id, roles: ['pmo-admin'] })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('alice')
      .setIssuer(DevToken.issuer)
      .setAudience(DevToken.audience)
      .setExpirationTime('1h')
      .sign(Buffer.from(gw.key, 'base64url'));
    await expect401(`Bearer ${hs512}`, /HS256/);
  });

  const signed = (claims: Record<string, unknown>, build?: (j: SignJWT) => SignJWT) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(DevToken.issuer)
      .setAudience(DevToken.audience)
      .setExpirationTime('1h');
    if (build) jwt = build(jwt);
    return jwt.sign(Buffer.from(gw.key, 'base64url'));
  };

  it('answers 401 for a token without tid', async () => {
    await expect401(`Bearer ${await signed({ roles: ['viewer'] })}`, /"tid" claim/);
  });

  it('answers 401 for a tid that is not a uuid', async () => {
    await expect401(`Bearer ${await signed({ tid: 'acme', roles: ['viewer'] })}`, /"tid" claim/);
  });

  it('answers 401 for an unknown role', async () => {
    await expect401(`Bearer ${await signed({ tid: DemoTenants.demo.id, roles: ['root'] })}`, /"roles" claim/);
  });

  it('answers 401 for a token without roles', async () => {
    await expect401(`Bearer ${await signed({ tid: DemoTenants.demo.id })}`, /"roles" claim/);
  });

  it('answers 401 for a token without exp', async () => {
    const noExp = await new SignJWT({ tid: DemoTenants.demo.id, roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(DevToken.issuer)
      .setAudience(DevToken.audience)
      .sign(Buffer.from(gw.key, 'base64url'));
    await expect401(`Bearer ${noExp}`, /"exp" claim/);
  });

  it('answers 401 for garbage', async () => {
    await expect401('Bearer not-a-jwt', /not of a kind/);
  });

  it('mints dev tokens at POST /api/v1/dev/tokens that the guard accepts', async () => {
    const minted = await request(gw.server)
      .post('/api/v1/dev/tokens')
      .send({ tenantId: DemoTenants.other.id, roles: ['viewer', 'finance'], sub: 'carol' });
    expect(minted.status).toBe(201);
    expect(minted.body).toMatchObject({ tokenType: 'Bearer' });
    expect(Date.parse(minted.body.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const res = await request(gw.server).get(PROTECTED).set('Authorization', `Bearer ${minted.body.token}`);
    expect(res.status).toBe(200);
  });

  it('mints a default token (demo tenant, pmo-admin) from an empty request', async () => {
    const minted = await request(gw.server).post('/api/v1/dev/tokens');
    expect(minted.status).toBe(201);
    const claims = JSON.parse(Buffer.from(minted.body.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ tid: DemoTenants.demo.id, roles: ['pmo-admin'], iss: DevToken.issuer, aud: DevToken.audience });
  });

  it('validates the dev token request like every other body', async () => {
    const res = await request(gw.server).post('/api/v1/dev/tokens').send({ roles: ['root'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('roles');
  });
});

describe('gateway authentication (dev mode off)', () => {
  let env: TestEnvironment;
  let gw: Awaited<ReturnType<typeof createGatewayApp>>;

  beforeAll(async () => {
    env = await createTestEnvironment();
    gw = await createGatewayApp(loadConfig(GatewayConfig, env.env({ PORT: '0' })));
    await gw.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await gw?.close();
    await env?.dispose();
  });

  it('answers every protected route with 401 saying no authentication method is configured', async () => {
    const token = await signTestToken(newDevSigningKey());
    const res = await request(gw.getHttpServer()).get(PROTECTED).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.detail).toMatch(/No authentication method is configured/);
  });

  it('has no dev token endpoint (404)', async () => {
    const res = await request(gw.getHttpServer()).post('/api/v1/dev/tokens').send({});
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  it('still answers the public probes', async () => {
    expect((await request(gw.getHttpServer()).get('/healthz')).status).toBe(200);
  });
});
