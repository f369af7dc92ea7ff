import { DevToken } from '@baton/contracts';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';

/** A development signing key (base64url, 32 bytes) for one test file. */
export const newSigningKey = () => randomBytes(32).toString('base64url');

export interface TestTokenOptions {
  key: string;
  tenantId: string;
  roles?: string[];
  sub?: string;
  /** override claims to build tampered/expired/wrong-audience tokens */
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
}

/** Mints a dev-mode bearer token the way `npm run token` does. */
export async function signTestToken(o: TestTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ [DevToken.tenantClaim]: o.tenantId, [DevToken.rolesClaim]: o.roles ?? ['pmo-admin'], name: o.sub ?? 'test-user' })
    .setProtectedHeader({ alg: DevToken.algorithm, typ: 'JWT' })
    .setSubject(o.sub ?? 'test-user')
    .setIssuer(o.issuer ?? DevToken.issuer)
    .setAudience(o.audience ?? DevToken.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expiresInSeconds ?? 3600))
    .sign(Buffer.from(o.key, 'base64url'));
}
