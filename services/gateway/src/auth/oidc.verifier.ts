import { ErrorCode } from '@baton/contracts';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ProblemException } from '../problem/problem.exception.js';
import type { GatewayConfig } from '../config/env.js';
import { AuthenticationFailed, type CredentialVerifier } from './credential-verifier.js';
import { COMPACT_JWS, jwtFailureReason } from './dev-token.verifier.js';
import {
  knownRoles,
  subjectClaim,
  tenantClaim,
  VerifiedTokens,
  type JwtPrincipalResolver,
  type TokenIdentity,
} from './jwt-principal.js';
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

  private readonly verified = new VerifiedTokens();

  async verify(credential: string): Promise<Principal> {
    return this.resolver.resolve(this.verified.get(credential) ?? (await this.check(credential)));
  }

  private async check(credential: string): Promise<TokenIdentity> {
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
      if (issuerUnavailable(err)) {
        // Not the caller's fault: the token may be fine, the keys to check it are out of reach.
        throw new ProblemException(
          {
            status: 503,
            code: ErrorCode.ServiceUnavailable,
            detail: "The identity provider's signing keys could not be fetched; retry shortly",
          },
          { 'Retry-After': '5' },
        );
      }
      throw new AuthenticationFailed(jwtFailureReason(err, this.algorithms.join(', ')));
    }
    const identity: TokenIdentity = {
      subject: subjectClaim(payload.sub),
      tenantId: tenantClaim(payload[this.config.OIDC_TENANT_CLAIM], this.config.OIDC_TENANT_CLAIM),
      roles: knownRoles(payload[this.config.OIDC_ROLES_CLAIM]),
      method: this.method,
      requireKnownTenant: true,
    };
    this.verified.remember(credential, identity, payload.exp);
    return identity;
  }
}

/** the JWKS could not be fetched (network, timeout, non-200, not JSON), as opposed to a bad token */
export function issuerUnavailable(err: unknown): boolean {
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return true;
  if (err instanceof errors.JOSEError)
    return err.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(err.message);
  return err instanceof Error; // fetch's own errors (connection refused, DNS)
}
