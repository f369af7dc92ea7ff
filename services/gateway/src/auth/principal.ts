import type { Role } from '@baton/contracts';

/**
 * Who is calling, as proven by their credentials: the tenant they act in and their roles there.
 * Services receive tenant and actor in the request envelope, never from the request body.
 */
export interface Principal {
  tenantId: string;
  actor: { id: string; roles: Role[] };
  /** how the caller authenticated ("dev-token"; later "oidc", "api-key") */
  method: string;
}

/** where the guard leaves the principal on the Fastify request */
export const PRINCIPAL_KEY = 'principal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal };
