import { Roles } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { authorise, PermissionDenied } from './auth.guard.js';
import { PermissionAudit, unguardedHandlers } from './permission-audit.js';
import { PermissionMatrix, Permissions, RequirePermission, rolesGrant } from './permissions.js';
import type { Principal } from './principal.js';
import { Public } from './public.decorator.js';
import { TtlCache } from './ttl-cache.js';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

const principal = (roles: Principal['actor']['roles'], extra: Partial<Principal> = {}): Principal => ({
  tenantId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  actor: { id: 'u', roles },
  method: 'test',
  ...extra,
});

describe('the permission matrix', () => {
  it('gives PMO admins every tenant permission and nobody the platform one', () => {
    for (const p of Permissions) expect(rolesGrant(['pmo-admin'], p)).toBe(p !== 'platform:admin');
    for (const role of Roles) expect(PermissionMatrix[role].has('platform:admin')).toBe(false);
  });

  it('grants programmes to exactly the roles it grants portfolios', () => {
    for (const role of Roles) {
      const m = PermissionMatrix[role];
      expect({ role, read: m.has('programme:read'), write: m.has('programme:write') }).toEqual({
        role,
        read: m.has('portfolio:read'),
        write: m.has('portfolio:write'),
      });
    }
  });

  it('keeps viewers read-only', () => {
    expect([...PermissionMatrix.viewer].every((p) => p.endsWith(':read'))).toBe(true);
  });
});

describe('authorise', () => {
  it('grants by tenant-wide roles and refuses with 403 otherwise', () => {
    expect(authorise(principal(['viewer']), { permission: 'project:read' }, {})).toMatchObject({
      actor: { roles: ['viewer'] },
    });
    expect(() => authorise(principal(['viewer']), { permission: 'project:write' }, {})).toThrow(
      PermissionDenied,
    );
    expect(() => authorise(principal([]), { permission: 'project:read' }, {})).toThrow(PermissionDenied);
  });

  it('counts project roles only on routes naming that project, and passes them on', () => {
    const p = principal(['viewer'], { projectRoles: { [P1]: ['project-manager'] } });
    const req = { permission: 'project:write', projectParam: 'id' } as const;
    expect(authorise(p, req, { id: P1 }).actor.roles).toEqual(['viewer', 'project-manager']);
    expect(() => authorise(p, req, { id: P2 })).toThrow(PermissionDenied);
    expect(() => authorise(p, { permission: 'project:write' }, { id: P1 })).toThrow(PermissionDenied); // projectParam defaults to projectId
    expect(authorise(p, { permission: 'schedule:write' }, { projectId: P1 }).actor.roles).toContain(
      'project-manager',
    );
    expect(() => authorise(p, { permission: 'project:write' }, {})).toThrow(PermissionDenied);
  });

  it('grants platform:admin only to platform admins, whatever their roles', () => {
    expect(() => authorise(principal(['pmo-admin']), { permission: 'platform:admin' }, {})).toThrow(
      PermissionDenied,
    );
    expect(
      authorise(principal([], { platformAdmin: true }), { permission: 'platform:admin' }, {}).platformAdmin,
    ).toBe(true);
  });
});

describe('unguardedHandlers (the start-up audit)', () => {
  @Controller('a')
  class Mixed {
    @Get() @RequirePermission('project:read') ok() {}
    @Post() forgotten() {}
    @Get('open') @Public() open() {}
    helper() {}
  }

  @Controller('b')
  @RequirePermission('tenant:admin')
  class ClassLevel {
    @Get() list() {}
  }

  it('names handlers with neither a permission nor @Public, and nothing else', () => {
    expect(unguardedHandlers([Mixed, ClassLevel])).toEqual(['Mixed.forgotten']);
  });

  it('stops a Nest application at start-up when a controller has an unguarded handler', async () => {
    @Module({ imports: [DiscoveryModule], controllers: [Mixed, ClassLevel], providers: [PermissionAudit] })
    class Bad {}
    @Module({ imports: [DiscoveryModule], controllers: [ClassLevel], providers: [PermissionAudit] })
    class Good {}
    const start = async (m: object) => {
      const app = await NestFactory.createApplicationContext(m, { logger: false, abortOnError: false });
      try {
        await app.init();
      } finally {
        await app.close();
      }
    };
    await expect(start(Bad)).rejects.toThrow(
      'route handlers without @RequirePermission or @Public: Mixed.forgotten',
    );
    await expect(start(Good)).resolves.toBeUndefined();
  });
});

describe('TtlCache', () => {
  it('expires entries, honours a shorter per-entry TTL and evicts the oldest beyond its size', () => {
    let now = 0;
    const cache = new TtlCache<string>(1000, 2, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B', 100);
    now = 150;
    expect(cache.get('a')).toBe('A');
    expect(cache.get('b')).toBeUndefined();
    cache.set('c', 'C');
    cache.set('d', 'D');
    expect(cache.get('a')).toBeUndefined();
    now = 2000;
    expect(cache.get('d')).toBeUndefined();
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = new TtlCache<string>(0);
    cache.set('a', 'A');
    expect(cache.get('a')).toBeUndefined();
  });
});
