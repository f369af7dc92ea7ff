import {
  PlanningProjectResourceKinds,
  PlanningRpc,
  ResourcesRpc,
  type PlanningProjectResourceKind,
  type ProjectResourceKind,
  type ResourcesProjectResourceKind,
} from '@baton/contracts';
import { RpcClient, ValidationFailedError } from '@baton/platform';
import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { ApiExtension, DECORATORS } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { rolesGrant, type Permission } from './permissions.js';
import type { Principal } from './principal.js';
import { TtlCache } from './ttl-cache.js';

export const PROJECT_RESOURCE = Symbol('PROJECT_RESOURCE');

export interface ProjectResourceOptions {
  kind: ProjectResourceKind;
  /** the route parameter holding the object's id; default `id` */
  param: string;
}

/** OpenAPI extension naming the project-owned kind an operation addresses by id */
export const PROJECT_RESOURCE_EXTENSION = 'x-baton-project-resource';

const LABEL: Record<ProjectResourceKind, string> = {
  task: 'task',
  dependency: "dependency (its successor task's project)",
  baseline: 'baseline',
  sprint: 'sprint',
  'backlog-item': 'backlog item',
  'change-request': 'change request',
  'leveling-run': 'leveling run',
  assignment: 'assignment',
};

/** appends a sentence to the operation's description, keeping its summary */
const DescribeProjectRoles =
  (kind: ProjectResourceKind): MethodDecorator =>
  (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const prev = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as { description?: string };
    const sentence =
      `Roles assigned for the project of the ${LABEL[kind]} count as well as tenant-wide ones ` +
      '(the gateway looks the project up only for callers whose tenant-wide roles lack the permission).';
    Reflect.defineMetadata(
      DECORATORS.API_OPERATION,
      { ...prev, description: prev.description ? `${prev.description}\n\n${sentence}` : sentence },
      handler,
    );
    return descriptor;
  };

/**
 * The route addresses an object that belongs to one project by its own id (`/tasks/{id}`):
 * a caller whose tenant-wide roles lack the route's permission, but who holds roles for some
 * projects, is authorised by their roles on the object's project, which the gateway asks the
 * owning service for (ResourceProjects). Put it beside `@RequirePermission(...)`.
 */
export const ProjectResource = (kind: ProjectResourceKind, param = 'id') =>
  applyDecorators(
    SetMetadata(PROJECT_RESOURCE, { kind, param } satisfies ProjectResourceOptions),
    ApiExtension(PROJECT_RESOURCE_EXTENSION, kind),
    DescribeProjectRoles(kind),
  );

/** whether any of the caller's project roles could grant the permission somewhere */
export function projectRolesMayGrant(principal: Principal, permission: Permission): boolean {
  const byProject = principal.projectRoles;
  if (!byProject) return false;
  for (const roles of Object.values(byProject)) if (rolesGrant(roles, permission)) return true;
  return false;
}

const isPlanningKind = (kind: ProjectResourceKind): kind is PlanningProjectResourceKind =>
  (PlanningProjectResourceKinds as readonly string[]).includes(kind);

/** how long a resource → project answer is reused: objects never change project, ids are never reused */
const PROJECT_OF_TTL_MS = 10 * 60_000;
const PROJECT_OF_MAX_ENTRIES = 10_000;

/**
 * The project of a project-owned object, from the service that owns it (one primary-key query
 * filtered by tenant there), cached per tenant, kind and id. None of these objects can move to
 * another project, so a cached answer never goes stale; a deleted object's entry only lets the
 * request through to the service, which answers 404. Unknown ids and other tenants' objects are
 * NOT_FOUND (404, never cached).
 */
@Injectable()
export class ResourceProjects {
  private readonly cache = new TtlCache<Promise<string>>(PROJECT_OF_TTL_MS, PROJECT_OF_MAX_ENTRIES);

  constructor(private readonly rpc: RpcClient) {}

  projectOf(
    principal: Principal,
    resource: ProjectResourceOptions,
    id: string | undefined,
    requestId: string,
  ): Promise<string> {
    if (id === undefined || !isUUID(id)) {
      // what UuidParamPipe would answer; the guard runs before pipes
      const field = resource.param;
      throw new ValidationFailedError(
        [{ field, message: `${field} must be a UUID` }],
        `The path parameter ${field} is not valid`,
      );
    }
    const key = `${principal.tenantId}\n${resource.kind}\n${id}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loading = this.ask(principal, resource.kind, id, requestId);
    this.cache.set(key, loading);
    loading.catch(() => this.cache.delete(key));
    return loading;
  }

  private async ask(
    principal: Principal,
    kind: ProjectResourceKind,
    id: string,
    requestId: string,
  ): Promise<string> {
    const ctx = {
      tenantId: principal.tenantId,
      actor: { id: principal.actor.id, roles: [...principal.actor.roles] },
      requestId,
    };
    const answer = isPlanningKind(kind)
      ? await this.rpc.send(PlanningRpc.resourceProjectOf, { kind, id }, ctx)
      : await this.rpc.send(
          ResourcesRpc.resourceProjectOf,
          { kind: kind as ResourcesProjectResourceKind, id },
          ctx,
        );
    return answer.projectId;
  }
}
