import type { CredentialVerifier } from './credential-verifier.js';
import type { Principal } from './principal.js';

export interface VerificationCacheOptions {
  /** most entries kept; the oldest go first */
  maxEntries?: number;
  /** longest a verified credential is trusted without verifying again (key rotation, API key revocation) */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  principal: Principal;
  until: number;
}

/** the `exp` of a compact JWS, read without verifying (only ever after a successful verification) */
function jwtExpiryMs(credential: string): number | undefined {
  const dot1 = credential.indexOf('.');
  const dot2 = credential.indexOf('.', dot1 + 1);
  if (dot1 < 0 || dot2 < 0) return undefined;
  try {
    const exp = (
      JSON.parse(Buffer.from(credential.slice(dot1 + 1, dot2), 'base64url').toString('utf8')) as {
        exp?: unknown;
      }
    ).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers successful verifications by the exact credential string, so a client sending the
 * same bearer token on every request pays for the signature check once (HMAC or RSA through
 * WebCrypto was a fifth of the gateway's CPU in bench:gateway). An entry lasts until the token's
 * `exp` and at most `maxAgeMs` (default 60 s); failures are never cached. Bounded in size.
 */
export function cachedVerifier(
  inner: CredentialVerifier,
  opts: VerificationCacheOptions = {},
): CredentialVerifier {
  const maxEntries = opts.maxEntries ?? 10_000;
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, Entry>();
  return {
    method: inner.method,
    handles: (credential) => inner.handles(credential),
    async verify(credential: string): Promise<Principal> {
      const t = now();
      const hit = cache.get(credential);
      if (hit) {
        if (hit.until > t) return hit.principal;
        cache.delete(credential);
      }
      const principal = await inner.verify(credential);
      const until = Math.min(t + maxAgeMs, jwtExpiryMs(credential) ?? Infinity);
      if (until > t) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(credential, { principal, until });
      }
      return principal;
    },
  };
}
