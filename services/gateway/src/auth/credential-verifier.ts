import { ErrorCode } from '@baton/contracts';
import { ProblemException } from '../problem/problem.exception.js';
import type { Principal } from './principal.js';

/**
 * One way of proving identity with a bearer credential. Dev-mode JWTs are the first; OIDC
 * access tokens (JWKS of the issuer) and API keys slot in beside them as further providers of
 * CREDENTIAL_VERIFIERS.
 */
export interface CredentialVerifier {
  /** short name, recorded as Principal.method */
  readonly method: string;
  /** cheap check (no crypto) whether this verifier is the one for the credential, e.g. by its shape or issuer */
  handles(credential: string): boolean;
  /** the principal, or throws AuthenticationFailed with a reason safe to show the caller */
  verify(credential: string): Promise<Principal>;
}

export const CREDENTIAL_VERIFIERS = Symbol('CREDENTIAL_VERIFIERS');

const REALM = 'baton';

/** 401 with an RFC 6750 challenge; `invalid` says a credential was presented but refused. */
export class AuthenticationFailed extends ProblemException {
  constructor(detail: string, invalid = true) {
    const challenge = invalid
      ? `Bearer realm="${REALM}", error="invalid_token", error_description="${detail.replace(/["\\]/g, '')}"`
      : `Bearer realm="${REALM}"`;
    super({ status: 401, code: ErrorCode.Unauthenticated, detail }, { 'WWW-Authenticate': challenge });
  }
}
