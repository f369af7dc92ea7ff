import { DevToken, Roles, type Role } from '@baton/contracts';
import { isUUID } from 'class-validator';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { AuthenticationFailed, type CredentialVerifier } from './credential-verifier.js';
import type { Principal } from './principal.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const CLOCK_TOLERANCE_SECONDS = 30;

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's "${err.claim}" claim is not valid`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (err instanceof errors.JOSEAlgNotAllowed) return `the token must be signed with ${DevToken.algorithm}`;
  return 'the token is malformed';
}

/**
 * Development-mode tokens (AUTH_DEV_MODE=true): HS256 JWTs signed with AUTH_DEV_SIGNING_KEY, with
 * the issuer and audience of `DevToken`, an expiry, the tenant in `tid` and the roles in `roles`.
 */
export class DevTokenVerifier implements CredentialVerifier {
  readonly method = 'dev-token';

  constructor(private readonly key: Uint8Array) {}

  handles(credential: string): boolean {
    return COMPACT_JWS.test(credential);
  }

  async verify(credential: string): Promise<Principal> {
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
      throw new AuthenticationFailed(reason(err));
    }
    return principalFrom(payload, this.method);
  }
}

/** The claims every Baton token carries, checked beyond the signature. */
export function principalFrom(payload: JWTPayload, method: string): Principal {
  const tenantId = payload[DevToken.tenantClaim];
  if (typeof tenantId !== 'string' || !isUUID(tenantId)) {
    throw new AuthenticationFailed(`the token's "${DevToken.tenantClaim}" claim must be a tenant id (uuid)`);
  }
  const roles = payload[DevToken.rolesClaim];
  if (!Array.isArray(roles) || !roles.every((r): r is Role => typeof r === 'string' && Roles.includes(r as Role))) {
    throw new AuthenticationFailed(`the token's "${DevToken.rolesClaim}" claim must be a list of roles (${Roles.join(', ')})`);
  }
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256) {
    throw new AuthenticationFailed('the token\'s "sub" claim must name the user');
  }
  return { tenantId, actor: { id: sub, roles: [...new Set(roles)] }, method };
}
