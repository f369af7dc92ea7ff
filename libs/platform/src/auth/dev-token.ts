/**
 * Development-mode bearer tokens (AUTH_DEV_MODE): the one place that signs them. The gateway's
 * `POST /api/v1/dev/tokens`, `npm run token`, the launcher's banner and the tests all call this,
 * so the shape the gateway verifies is defined once. Imports nothing heavy on purpose (the
 * token script loads it): only jose and the dependency-free auth contract.
 */
import { DevToken } from '@baton/contracts/auth';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';

export const MIN_DEV_KEY_BYTES = 32;

/** A new AUTH_DEV_SIGNING_KEY: base64url of 32 random bytes. */
export const newDevSigningKey = (): string => randomBytes(MIN_DEV_KEY_BYTES).toString('base64url');

/** AUTH_DEV_SIGNING_KEY (base64url) → HMAC key bytes; refuses keys too short for HS256. */
export function devSigningKeyBytes(key: string): Uint8Array {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length < MIN_DEV_KEY_BYTES) {
    throw new Error(`the dev signing key must decode to at least ${MIN_DEV_KEY_BYTES} bytes (base64url)`);
  }
  return new Uint8Array(bytes);
}

export interface DevTokenClaims {
  tenantId: string;
  roles: readonly string[];
  /** the user id */
  sub: string;
  /** a display name */
  name?: string;
  /** default DevToken.ttlSeconds; tests pass a negative one for an expired token */
  ttlSeconds?: number;
  /** default DevToken.issuer / DevToken.audience; tests override them to forge bad tokens */
  issuer?: string;
  audience?: string;
  now?: Date;
}

export async function signDevToken(key: Uint8Array, c: DevTokenClaims): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor((c.now ?? new Date()).getTime() / 1000);
  const expires = issuedAt + (c.ttlSeconds ?? DevToken.ttlSeconds);
  const token = await new SignJWT({
    [DevToken.tenantClaim]: c.tenantId,
    [DevToken.rolesClaim]: [...c.roles],
    ...(c.name ? { name: c.name } : {}),
  })
    .setProtectedHeader({ alg: DevToken.algorithm, typ: 'JWT' })
    .setIssuer(c.issuer ?? DevToken.issuer)
    .setAudience(c.audience ?? DevToken.audience)
    .setSubject(c.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(key);
  return { token, expiresAt: new Date(expires * 1000) };
}
