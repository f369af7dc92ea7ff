import { ErrorCode, type RpcContract } from '@baton/contracts';
import { RpcError, ValidationFailedError, type RpcClient } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, authorise, PermissionDenied } from './auth.guard.js';
import type { CredentialVerifier } from './credential-verifier.js';
import { RequirePermission } from './permissions.js';
import type { Principal } from './principal.js';
import { ProjectResource, projectRolesMayGrant, ResourceProjects } from './project-resource.js';

const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const TASK = '33333333-3333-4333-8333-333333333333';

const principal = (
  roles: Principal['actor']['roles'],
  projectRoles?: Principal['projectRoles'],
): Principal => ({
  tenantId: TENANT,
  actor: { id: 'carol', roles },
  method: 'test',
  ...(projectRoles ? { projectRoles } : {}),
});

/** an RpcClient that answers project-of from a map and counts the calls */
function fakeRpc(projects: Record<string, string>) {
  const calls: Array<{ subject: string; data: unknown; tenantId?: string }> = [];
  const rpc = {
    send: async (
      contract: RpcContract<unknown, unknown>,
      data: { id: string },
      ctx: { tenantId?: string },
    ) => {
      calls.push({ subject: contract.subject, data, tenantId: ctx.tenantId });
      const projectId = projects[data.id];
      if (!projectId)
        throw new RpcError(ErrorCode.NotFound, `task ${data.id} was not found`, undefined, contract.subject);
      return { projectId };
    },
  };
  return { rpc: rpc as unknown as RpcClient, calls };
}

class Tasks {
  @RequirePermission('schedule:write')
  @ProjectResource('task')
  update() {}
}

function guardFor(p: Principal, projects: Record<string, string>) {
  const { rpc, calls } = fakeRpc(projects);
  const verifier: CredentialVerifier = { method: 'test', handles: () => true, verify: async () => p };
  const guard = new AuthGuard(new Reflector(), [verifier], new ResourceProjects(rpc));
  const run = async (params: Record<string, string>) => {
    const request: Record<string, unknown> = { headers: { authorization: 'Bearer x' }, params, id: 'req-1' };
    const ctx = {
      getHandler: () => Tasks.prototype.update,
      getClass: () => Tasks,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    await guard.canActivate(ctx);
    return request['principal'] as Principal;
  };
  return { run, calls };
}

describe('project roles on objects addressed by their own id', () => {
  it('grants through the role on the object project, and passes that role on', () => {
    const p = principal(['viewer'], { [P1]: ['project-manager'] });
    expect(authorise(p, { permission: 'schedule:write' }, { id: TASK }, P1).actor.roles).toEqual([
      'viewer',
      'project-manager',
    ]);
    expect(() => authorise(p, { permission: 'schedule:write' }, { id: TASK }, P2)).toThrow(PermissionDenied);
  });

  it('knows when a project role could grant a permission at all', () => {
    const p = principal([], { [P1]: ['viewer'], [P2]: ['team-member'] });
    expect(projectRolesMayGrant(p, 'project:read')).toBe(true);
    expect(projectRolesMayGrant(p, 'schedule:write')).toBe(false);
    expect(projectRolesMayGrant(principal(['pmo-admin']), 'project:read')).toBe(false);
  });

  it('looks nothing up for tenant-wide grants, nor when no project role could grant', async () => {
    const admin = guardFor(principal(['project-manager'], { [P2]: ['viewer'] }), { [TASK]: P1 });
    expect((await admin.run({ id: TASK })).actor.roles).toEqual(['project-manager']);
    const viewer = guardFor(principal([], { [P1]: ['viewer'] }), { [TASK]: P1 });
    await expect(viewer.run({ id: TASK })).rejects.toThrow(PermissionDenied);
    expect([...admin.calls, ...viewer.calls]).toEqual([]);
  });

  it('asks the owning service, tenant-scoped, and caches the answer; 404 and 400 pass through', async () => {
    const g = guardFor(principal([], { [P1]: ['project-manager'] }), { [TASK]: P1 });
    expect((await g.run({ id: TASK })).actor.roles).toEqual(['project-manager']);
    expect((await g.run({ id: TASK })).actor.roles).toEqual(['project-manager']);
    expect(g.calls).toEqual([
      {
        subject: 'baton.v1.planning.resource.project-of',
        data: { kind: 'task', id: TASK },
        tenantId: TENANT,
      },
    ]);
    const unknown = '44444444-4444-4444-8444-444444444444';
    await expect(g.run({ id: unknown })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(g.run({ id: unknown })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(g.calls).toHaveLength(3); // failures are not cached
    await expect(g.run({ id: 'nope' })).rejects.toThrow(ValidationFailedError);
  });

  it('refuses with 403 when the object is in a project the caller has no role on', async () => {
    const g = guardFor(principal(['viewer'], { [P1]: ['project-manager'] }), { [TASK]: P2 });
    await expect(g.run({ id: TASK })).rejects.toThrow(PermissionDenied);
  });
});
