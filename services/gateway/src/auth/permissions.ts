import type { Role } from '@baton/contracts';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * Every action the public API exposes, as `<area>:<verb>`. Each non-public handler declares the
 * one it needs with `@RequirePermission(...)`; the matrix below is the only place that says which
 * role may do what.
 */
export const Permissions = [
  'platform:admin', // create, list and configure tenants (their settings too): no tenant role grants it (PLATFORM_ADMIN_SUBJECTS does)
  'tenant:admin', // tenants, users, role assignments, settings, API keys, webhooks
  'audit:read',
  'portfolio:read',
  'portfolio:write',
  'programme:read', // granted exactly as portfolio:read (a programme is part of a portfolio)
  'programme:write', // granted exactly as portfolio:write
  'project:read',
  'project:write',
  'schedule:write', // tasks, dependencies, calendars, progress, baselines, sprints
  'change-request:submit',
  'change-request:decide',
  'resource:read',
  'resource:write', // people, teams, vendors, skills, calendars
  'assignment:request',
  'assignment:approve',
  'time:write', // own timesheets
  'time:approve',
  'budget:read',
  'budget:write',
  'report:read',
  'system:read', // health of every service
] as const;
export type Permission = (typeof Permissions)[number];

const READ: Permission[] = [
  'portfolio:read',
  'programme:read',
  'project:read',
  'resource:read',
  'report:read',
  'system:read',
];

/** Which role holds which permission. PMO admins hold all of them but the platform's own. */
export const PermissionMatrix: Record<Role, ReadonlySet<Permission>> = {
  'pmo-admin': new Set(Permissions.filter((p) => p !== 'platform:admin')),
  'portfolio-manager': new Set<Permission>([
    ...READ,
    'portfolio:write',
    'programme:write',
    'project:write',
    'schedule:write',
    'change-request:submit',
    'change-request:decide',
    'assignment:request',
    'budget:read',
    'time:write',
  ]),
  'project-manager': new Set<Permission>([
    ...READ,
    'project:write',
    'schedule:write',
    'change-request:submit',
    'assignment:request',
    'budget:read',
    'time:write',
  ]),
  finance: new Set<Permission>([...READ, 'budget:read', 'budget:write', 'change-request:submit']),
  'team-member': new Set<Permission>([...READ, 'time:write']),
  viewer: new Set<Permission>(READ),
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => PermissionMatrix[role]?.has(permission));
}

export const REQUIRED_PERMISSION = Symbol('REQUIRED_PERMISSION');

export interface PermissionOptions {
  /**
   * The route parameter that names the project the request acts on, so that roles assigned for
   * that one project count too. Default: `projectId` when the route has such a parameter.
   * Project routes themselves (`/projects/{id}`) pass `'id'`.
   */
  projectParam?: string;
}

export interface RequiredPermission extends PermissionOptions {
  permission: Permission;
}

/** OpenAPI extension naming each operation's permission (the endpoint test matrix reads it). */
export const PERMISSION_EXTENSION = 'x-baton-permission';

/**
 * The permission a handler (or every handler of a controller) needs. The auth guard refuses the
 * call with 403 unless the caller's roles (tenant-wide, or for the project the route names)
 * grant it; a handler with neither this nor `@Public()` stops the gateway at start-up.
 */
export const RequirePermission = (permission: Permission, options: PermissionOptions = {}) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, { permission, ...options } satisfies RequiredPermission),
    ApiExtension(PERMISSION_EXTENSION, permission),
  );
