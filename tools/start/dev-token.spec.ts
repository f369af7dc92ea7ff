import { describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import { randomBytes } from 'node:crypto';
import { DemoTenants, DevToken } from '@baton/contracts/auth';
import { mintDevToken, parseTokenArgs } from './dev-token.js';

describe('mintDevToken', () => {
  it('signs the claims the gateway expects with the base64url key', async () => {
    const key = randomBytes(32).toString('base64url');
    const token = await mintDevToken({
      key,
      tenantId: DemoTenants.demo.id,
      roles: ['viewer'],
      sub: 'alice',
      name: 'Alice',
    });
    const { payload, protectedHeader } = await jwtVerify(token, Buffer.from(key, 'base64url'), {
      issuer: DevToken.issuer,
      audience: DevToken.audience,
      algorithms: [DevToken.algorithm],
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      sub: 'alice',
      name: 'Alice',
      tid: DemoTenants.demo.id,
      roles: ['viewer'],
    });
    expect(payload.exp! - payload.iat!).toBe(DevToken.ttlSeconds);
  });

  it('refuses a key too short for HS256', async () => {
    await expect(
      mintDevToken({ key: 'c2hvcnQ', tenantId: DemoTenants.demo.id, roles: [], sub: 'x' }),
    ).rejects.toThrow(/32 bytes/);
  });
});

describe('parseTokenArgs', () => {
  it('defaults to the demo tenant and pmo-admin', () => {
    expect(parseTokenArgs([])).toMatchObject({ tenantId: DemoTenants.demo.id, roles: ['pmo-admin'] });
  });

  it('reads tenant, roles and subject', () => {
    expect(
      parseTokenArgs(['--tenant', DemoTenants.other.id, '--roles', 'finance, viewer', '--sub', 'bob']),
    ).toMatchObject({ tenantId: DemoTenants.other.id, roles: ['finance', 'viewer'], sub: 'bob' });
  });

  it('rejects unknown roles and malformed tenants with a clear message', () => {
    expect(() => parseTokenArgs(['--roles', 'admin'])).toThrow(
      /unknown role\(s\) admin; roles are: pmo-admin/,
    );
    expect(() => parseTokenArgs(['--tenant', 'acme'])).toThrow(/--tenant must be a uuid/);
  });
});
