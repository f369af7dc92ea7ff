import { signDevToken } from '@baton/platform/dev-token';
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

/** Mints a dev-mode bearer token exactly as the gateway and `npm run token` do. */
export async function signTestToken(o: TestTokenOptions): Promise<string> {
  const { token } = await signDevToken(Buffer.from(o.key, 'base64url'), {
    tenantId: o.tenantId,
    roles: o.roles ?? ['pmo-admin'],
    sub: o.sub ?? 'test-user',
    name: o.sub ?? 'test-user',
    issuer: o.issuer,
    audience: o.audience,
    ttlSeconds: o.expiresInSeconds ?? 3600,
  });
  return token;
}
