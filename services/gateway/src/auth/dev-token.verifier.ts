import { DevToken, Roles, type Role } from '@baton/contracts';
import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthenticationFailed, type CredentialVerifier } from './credential-verifier.js';
import {
  subjectClaim,
  tenantClaim,
  VerifiedTokens,
  type JwtPrincipalResolver,
  type TokenIdentity,
} from './jwt-principal.js';
import type { Principal } from './principal.js';

export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const CLOCK_TOLERANCE_SECONDS = 30;

/** what a jose verification error means to the caller */
export function jwtFailureReason(err: unknown, algorithms: string): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's "${err.claim}" claim is not valid`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JOSEAlgNotAllowed) return `the token must be signed with ${algorithms}`;
  if (err instanceof errors.JWKSNoMatchingKey)
    return 'the token is signed with a key the issuer does not publish';
  if (
    err instanceof errors.JWKSTimeout ||
    (err instanceof errors.JOSEError && err.code === 'ERR_JWKS_INVALID')
  ) {
    return "the issuer's signing keys could not be fetched";
  }
  return 'the token is malformed';
}

/** the `iss` of a compact JWT without verifying it (to pick the verifier), or undefined */
export function unverifiedIssuer(credential: string): string | undefined {
  try {
    const iss = decodeJwt(credential).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Development-mode tokens (AUTH_DEV_MODE=true): HS256 JWTs signed with AUTH_DEV_SIGNING_KEY, with
 * the issuer and audience of `DevToken`, an expiry, the tenant in `tid` and the roles in `roles`.
 * With OIDC also on, only tokens whose (unverified) `iss` is the dev issuer come here.
 */
export class DevTokenVerifier implements CredentialVerifier {
  readonly method = 'dev-token';

  constructor(
    private readonly key: Uint8Array,
    private readonly resolver: JwtPrincipalResolver,
    private readonly onlyDevIssuer = false,
  ) {}

  handles(credential: string): boolean {
    if (!COMPACT_JWS.test(credential)) return false;
    return !this.onlyDevIssuer || unverifiedIssuer(credential) === DevToken.issuer;
  }

  private readonly verified = new VerifiedTokens();

  async verify(credential: string): Promise<Principal> {
    return this.resolver.resolve(this.verified.get(credential) ?? (await this.check(credential)));
  }

  private async check(credential: string): Promise<TokenIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential, this.key, {
        algorithms: [DevToken.algorithm],
        issuer: DevToken.issuer,
        audience: DevToken.audience,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (err) {
      throw new AuthenticationFailed(jwtFailureReason(err, DevToken.algorithm));
    }
    const tenantId = tenantClaim(payload[DevToken.tenantClaim], DevToken.tenantClaim);
    if (!tenantId)
      throw new AuthenticationFailed(
        `the token's "${DevToken.tenantClaim}" claim must be a tenant id (uuid)`,
      );
    const roles = payload[DevToken.rolesClaim];
    if (
      !Array.isArray(roles) ||
      !roles.every((r): r is Role => typeof r === 'string' && Roles.includes(r as Role))
    ) {
      throw new AuthenticationFailed(
        `the token's "${DevToken.rolesClaim}" claim must be a list of roles (${Roles.join(', ')})`,
      );
    }
    const identity: TokenIdentity = {
      subject: subjectClaim(payload.sub),
      tenantId,
      roles,
      method: this.method,
      requireKnownTenant: false,
    };
    this.verified.remember(credential, identity, payload.exp);
    return identity;
  }
}
