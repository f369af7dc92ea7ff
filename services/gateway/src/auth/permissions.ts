import type { Role } from '@baton/contracts';
import { SetMetadata } from '@nestjs/common';

/**
 * Every action the public API exposes, as `<area>:<verb>`. Each non-public handler declares the
 * one it needs with `@RequirePermission(...)`; the matrix below is the only place that says which
 * role may do what.
 */
export const Permissions = [
  'tenant:admin', // tenants, users, role assignments, settings, API keys, webhooks
  'audit:read',
  'portfolio:read',
  'portfolio:write',
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
] as const;
export type Permission = (typeof Permissions)[number];

const READ: Permission[] = ['portfolio:read', 'project:read', 'resource:read', 'report:read'];

/** Which role holds which permission. PMO admins hold all of them. */
export const PermissionMatrix: Record<Role, ReadonlySet<Permission>> = {
  'pmo-admin': new Set(Permissions),
  'portfolio-manager': new Set<Permission>([
    ...READ,
    'portfolio:write',
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

/** The permission a handler (or every handler of a controller) needs. */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
