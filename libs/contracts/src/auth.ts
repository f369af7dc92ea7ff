/**
 * Roles a user can hold in a tenant. The permission matrix that maps them to actions lives in
 * the gateway (issue: gateway for integration teams); services only receive them in the envelope.
 */
export const Roles = [
  'pmo-admin',
  'portfolio-manager',
  'project-manager',
  'finance',
  'team-member',
  'viewer',
] as const;
export type Role = (typeof Roles)[number];

/**
 * Development-mode bearer tokens: HS256 JWTs signed with a local key (AUTH_DEV_SIGNING_KEY),
 * so that `npm start` works without an identity provider. Off unless AUTH_DEV_MODE=true.
 */
export const DevToken = {
  algorithm: 'HS256',
  issuer: 'baton-dev',
  audience: 'baton',
  /** claim holding the tenant id (uuid) */
  tenantClaim: 'tid',
  /** claim holding the role names (string[]) */
  rolesClaim: 'roles',
  /** default lifetime of a minted token */
  ttlSeconds: 12 * 60 * 60,
} as const;

/** Tenants that `npm start` prints tokens for; the second one exists to try tenant isolation. */
export const DemoTenants = {
  demo: { id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0', name: 'Demo PMO' },
  other: { id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', name: 'Other PMO' },
} as const;
