import type { Role } from '@baton/contracts';

/**
 * Who is calling, as proven by their credentials: the tenant they act in and their roles there.
 * Services receive tenant and actor in the request envelope, never from the request body.
 */
export interface Principal {
  tenantId: string;
  /** `roles`: tenant-wide roles (from the token's claims and the role directory) */
  actor: { id: string; roles: Role[] };
  /** how the caller authenticated: "dev-token", "oidc" or "api-key" */
  method: string;
  /** roles assigned for single projects: project id → roles (they count on routes naming that project) */
  projectRoles?: Readonly<Record<string, readonly Role[]>>;
  /** the subject is listed in PLATFORM_ADMIN_SUBJECTS: may create and list tenants */
  platformAdmin?: boolean;
}

/** where the guard leaves the principal on the Fastify request */
export const PRINCIPAL_KEY = 'principal';

/**
 * where the guard leaves the caller it authenticated but then refused (403): not a principal any
 * handler may act as, only what the audit log records for a refused mutating request
 */
export const REFUSED_PRINCIPAL_KEY = 'refusedPrincipal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal; [REFUSED_PRINCIPAL_KEY]?: Principal };

/** What `@CallContext()` yields on an authenticated route: the tenant is always set. */
export type TenantCallContext = import('@baton/platform').RpcCallContext & { tenantId: string };
