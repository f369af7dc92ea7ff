import { describe, expect, it } from '@jest/globals';
import { AuthenticationFailed, type CredentialVerifier } from './credential-verifier.js';
import type { Principal } from './principal.js';
import { cachedVerifier } from './verification-cache.js';

const principal: Principal = { tenantId: 't', actor: { id: 'u', roles: ['viewer'] }, method: 'test' };
const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

function counting(fail = false): CredentialVerifier & { calls: number } {
  const v = {
    method: 'test',
    calls: 0,
    handles: () => true,
    async verify() {
      v.calls++;
      if (fail) throw new AuthenticationFailed('bad');
      return principal;
    },
  };
  return v;
}

describe('cachedVerifier', () => {
  it('verifies a credential once while it is fresh', async () => {
    let t = 1_000_000;
    const inner = counting();
    const v = cachedVerifier(inner, { now: () => t, maxAgeMs: 60_000 });
    const token = jwt(t / 1000 + 3600);
    expect(await v.verify(token)).toBe(principal);
    t += 30_000;
    expect(await v.verify(token)).toBe(principal);
    expect(inner.calls).toBe(1);
    t += 31_000; // beyond maxAgeMs
    await v.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('never trusts a token past its exp', async () => {
    let t = 1_000_000;
    const inner = counting();
    const v = cachedVerifier(inner, { now: () => t });
    const token = jwt(t / 1000 + 5);
    await v.verify(token);
    t += 6000;
    await v.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('does not cache failures', async () => {
    const inner = counting(true);
    const v = cachedVerifier(inner);
    await expect(v.verify(jwt(9_999_999_999))).rejects.toBeInstanceOf(AuthenticationFailed);
    await expect(v.verify(jwt(9_999_999_999))).rejects.toBeInstanceOf(AuthenticationFailed);
    expect(inner.calls).toBe(2);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const inner = counting();
    const v = cachedVerifier(inner, { maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await v.verify(k);
    await v.verify('c');
    expect(inner.calls).toBe(3);
    await v.verify('a');
    expect(inner.calls).toBe(4);
  });
});
