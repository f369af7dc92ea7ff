import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { GatewayConfig } from '../config/env.js';
import { AuthenticationFailed, type CredentialVerifier } from './credential-verifier.js';
import { COMPACT_JWS, jwtFailureReason } from './dev-token.verifier.js';
import { knownRoles, subjectClaim, tenantClaim, type JwtPrincipalResolver } from './jwt-principal.js';
import type { Principal } from './principal.js';

/**
 * OIDC access tokens (JWTs) of one issuer, verified against its JWKS with `jose`: signature with
 * an allow-listed asymmetric algorithm, `iss`, `aud`, `exp`/`nbf` with OIDC_CLOCK_TOLERANCE_S.
 * The key set is fetched once and cached (OIDC_JWKS_MAX_AGE_MS); a token whose `kid` is not in
 * the cache makes jose fetch the set again (at most once per OIDC_JWKS_COOLDOWN_MS), which is
 * how a key rotation at the issuer is picked up without a restart.
 */
export class OidcVerifier implements CredentialVerifier {
  readonly method = 'oidc';
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];

  constructor(
    private readonly config: GatewayConfig,
    private readonly resolver: JwtPrincipalResolver,
  ) {
    const issuer = config.OIDC_ISSUER!;
    const uri = config.OIDC_JWKS_URI ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
    this.jwks = createRemoteJWKSet(new URL(uri), {
      cooldownDuration: config.OIDC_JWKS_COOLDOWN_MS,
      cacheMaxAge: config.OIDC_JWKS_MAX_AGE_MS,
      timeoutDuration: 5000,
    });
    this.algorithms = config.OIDC_ALGORITHMS.split(',');
  }

  handles(credential: string): boolean {
    return COMPACT_JWS.test(credential);
  }

  async verify(credential: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential, this.jwks, {
        algorithms: this.algorithms,
        issuer: this.config.OIDC_ISSUER,
        audience: this.config.OIDC_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: this.config.OIDC_CLOCK_TOLERANCE_S,
      }));
    } catch (err) {
      throw new AuthenticationFailed(jwtFailureReason(err, this.algorithms.join(', ')));
    }
    return this.resolver.resolve({
      subject: subjectClaim(payload.sub),
      tenantId: tenantClaim(payload[this.config.OIDC_TENANT_CLAIM], this.config.OIDC_TENANT_CLAIM),
      roles: knownRoles(payload[this.config.OIDC_ROLES_CLAIM]),
      method: this.method,
      requireKnownTenant: true,
    });
  }
}
