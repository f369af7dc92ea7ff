import { Roles, type Role } from '@baton/contracts';
import { isUUID } from 'class-validator';
import { AuthenticationFailed } from './credential-verifier.js';
import type { Principal } from './principal.js';
import type { RoleDirectory } from './role-directory.js';
import { TtlCache } from './ttl-cache.js';

export interface TokenIdentity {
  /** `sub` */
  subject: string;
  /** from the tenant claim, if the token has one */
  tenantId?: string;
  /** tenant-wide roles from the token's claims */
  roles: Role[];
  method: string;
  /** refuse tenants the gateway does not know (OIDC); dev tokens may name any tenant */
  requireKnownTenant: boolean;
}

/**
 * A verified token's identity → the principal: the tenant from the claim (or, without one, the
 * subject's single membership), roles from the claims plus the role assignments of the
 * directory (tenant-wide and per project), and whether the subject is a platform admin.
 */
export class JwtPrincipalResolver {
  private readonly platformAdmins: ReadonlySet<string>;

  constructor(
    private readonly directory: RoleDirectory,
    platformAdminSubjects: string,
  ) {
    this.platformAdmins = new Set(platformAdminSubjects.split(',').filter(Boolean));
  }

  async resolve(id: TokenIdentity): Promise<Principal> {
    const platformAdmin = this.platformAdmins.has(id.subject);
    let tenantId = id.tenantId;
    if (tenantId === undefined) {
      const tenants = await this.directory.tenantsOf(id.subject);
      if (tenants.length !== 1 && platformAdmin) return this.platformOnly(id);
      if (tenants.length !== 1) {
        throw new AuthenticationFailed(
          tenants.length === 0
            ? 'the token names no tenant and its subject is not a member of any'
            : 'the token names no tenant and its subject is a member of several: the identity provider must send the tenant claim',
        );
      }
      tenantId = tenants[0]!;
    }
    const entry = await this.directory.lookup(tenantId, id.subject);
    if (id.requireKnownTenant && !entry.tenantExists) {
      if (platformAdmin) return this.platformOnly(id);
      throw new AuthenticationFailed("the token's tenant is not known to this gateway");
    }
    if (entry.disabled) throw new AuthenticationFailed('the user is disabled in this tenant');
    const roles = [...new Set([...id.roles, ...entry.roles])];
    return {
      tenantId,
      actor: { id: id.subject, roles },
      method: id.method,
      ...(Object.keys(entry.projectRoles).length ? { projectRoles: entry.projectRoles } : {}),
      ...(platformAdmin ? { platformAdmin: true } : {}),
    };
  }

  /**
   * A platform admin whose token names no (known) tenant, e.g. before the first tenant exists:
   * they act in the nil tenant with no roles, which is enough for the tenant endpoints only.
   */
  private platformOnly(id: TokenIdentity): Principal {
    return {
      tenantId: NIL_TENANT,
      actor: { id: id.subject, roles: [] },
      method: id.method,
      platformAdmin: true,
    };
  }
}

/** the tenant of a platform admin acting outside any tenant (owns nothing) */
export const NIL_TENANT = '00000000-0000-0000-0000-000000000000';

/** a tenant id claim: a uuid, or absent */
export function tenantClaim(value: unknown, claim: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isUUID(value))
    throw new AuthenticationFailed(`the token's "${claim}" claim must be a tenant id (uuid)`);
  return value;
}

/** a subject claim: a non-empty string of at most 256 characters */
export function subjectClaim(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new AuthenticationFailed('the token\'s "sub" claim must name the user');
  }
  return value;
}

/** the role names of an IdP's claim that Baton knows (a string or a list; others are ignored) */
export function knownRoles(value: unknown): Role[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return list.filter((r): r is Role => typeof r === 'string' && Roles.includes(r as Role));
}

/** longest a token's checked signature and claims are reused (never past its `exp`) */
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/**
 * Tokens whose signature and claims were checked, by their exact text: a client sending the same
 * bearer token on every request pays for the signature once (RSA/HMAC through WebCrypto is a
 * large share of the gateway's CPU otherwise). Only the token's own content is cached; the
 * directory step (roles, disabled users) still runs on every request from its own, invalidated
 * cache. Failures are never cached.
 */
export class VerifiedTokens {
  private readonly cache = new TtlCache<TokenIdentity>(VERIFIED_TOKEN_TTL_MS);

  get(credential: string): TokenIdentity | undefined {
    return this.cache.get(credential);
  }

  remember(credential: string, identity: TokenIdentity, exp: number | undefined): void {
    const msLeft = exp === undefined ? VERIFIED_TOKEN_TTL_MS : exp * 1000 - Date.now();
    if (msLeft > 0) this.cache.set(credential, identity, msLeft);
  }
}
