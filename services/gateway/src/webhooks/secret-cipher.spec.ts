import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  keyIdOf,
  SEALED_PREFIX,
  SEALED_V2,
  SecretCipher,
  SecretUnavailable,
  sealedWith,
} from './secret-cipher.js';
import { newWebhookSecret } from './signature.js';

const key = () => randomBytes(32).toString('base64');
const idOf = (k: string) => keyIdOf(Buffer.from(k, 'base64'));
/** the base64 part of an `enc:v2:<id>:` value */
const rawOf = (sealed: string) => Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64');

/**
 * Written by the gateway before keys were named in stored values (commit e9ea35d, `enc:v1:`):
 * `new SecretCipher(V1.key).seal(V1.secret, V1.endpointId)`.
 */
const V1 = {
  key: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
  /** `printf %s "$KEY" | base64 -d | sha256sum | cut -c1-8`, as the README says */
  keyId: '4bb06f8e',
  endpointId: '5b1f6a52-3c0e-4d7e-9a51-0c6f2a8e4b13',
  secret: 'whsec_CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=',
  sealed:
    'enc:v1:U4SiuPQlbJShGxxY72YsYp2A6DQAhQiuh2YNhMUfDe4MUvYo3cfqeB6mQ+eTnn2hN+uWQ37dicto70sjkscUZl4YAcjhyGGujQeuMhdI',
};

describe('SecretCipher (webhook secrets at rest, AES-256-GCM)', () => {
  it('seals as enc:v2 naming the current key, so that the stored text does not contain the secret, and opens it again', () => {
    const k = key();
    const cipher = new SecretCipher(k);
    const secret = newWebhookSecret();
    const id = randomUUID();
    const sealed = cipher.seal(secret, id);
    expect(sealed).toMatch(new RegExp(`^enc:v2:${idOf(k)}:[A-Za-z0-9+/]+=*$`));
    expect(cipher.keyId).toBe(idOf(k));
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed.length).toBeLessThanOrEqual(128); // the column is varchar(128)
    expect(cipher.seal(secret, id)).not.toBe(sealed); // a fresh IV each time
    expect(cipher.open(sealed, id)).toBe(secret);
  });

  it('names a key by the first 8 hex characters of SHA-256 of its bytes', () => {
    expect(keyIdOf(Buffer.from(V1.key, 'base64'))).toBe(V1.keyId);
    expect(new SecretCipher(V1.key).seal('x', randomUUID()).startsWith(`enc:v2:${V1.keyId}:`)).toBe(true);
  });

  it('opens a value with the key it names: the current one or a previous one, in any order', () => {
    const [a, b, c] = [key(), key(), key()];
    const id = randomUUID();
    const secret = newWebhookSecret();
    const underA = new SecretCipher(a).seal(secret, id);
    expect(new SecretCipher(b, [a]).open(underA, id)).toBe(secret);
    expect(new SecretCipher(b, [c, a]).open(underA, id)).toBe(secret);
    expect(new SecretCipher(a, [b]).open(underA, id)).toBe(secret);
    const rotated = new SecretCipher(b, [c, a]);
    expect(rotated.previousKeyIds).toEqual([idOf(c), idOf(a)]);
    expect(rotated.seal(secret, id).startsWith(sealedWith(idOf(b)))).toBe(true); // new values: the current key
  });

  it('refuses a value sealed with a key that is not configured, naming that key id', () => {
    const [a, b] = [key(), key()];
    const id = randomUUID();
    const underA = new SecretCipher(a).seal(newWebhookSecret(), id);
    const open = () => new SecretCipher(b).open(underA, id);
    expect(open).toThrow(SecretUnavailable);
    expect(open).toThrow(`sealed with key ${idOf(a)}, which is neither WEBHOOK_SECRET_KEY (${idOf(b)})`);
  });

  it('still opens enc:v1 values (no key id) by trying the current key, then the previous ones', () => {
    expect(new SecretCipher(V1.key).open(V1.sealed, V1.endpointId)).toBe(V1.secret);
    expect(new SecretCipher(key(), [key(), V1.key]).open(V1.sealed, V1.endpointId)).toBe(V1.secret);
    expect(() => new SecretCipher(key(), [key()]).open(V1.sealed, V1.endpointId)).toThrow(/does not decrypt/);
    expect(() => new SecretCipher(V1.key).open(V1.sealed, randomUUID())).toThrow(SecretUnavailable);
  });

  it('refuses a sealed secret moved to another endpoint, altered, relabelled with another key id, truncated or malformed', () => {
    const [a, b] = [key(), key()];
    const cipher = new SecretCipher(a, [b]);
    const id = randomUUID();
    const sealed = cipher.seal(newWebhookSecret(), id);
    const prefix = sealedWith(idOf(a));
    expect(() => cipher.open(sealed, randomUUID())).toThrow(SecretUnavailable);
    const raw = rawOf(sealed);
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.open(prefix + raw.toString('base64'), id)).toThrow(/does not decrypt with key/);
    const relabelled = sealedWith(idOf(b)) + sealed.slice(prefix.length);
    expect(() => cipher.open(relabelled, id)).toThrow(`does not decrypt with key ${idOf(b)}`);
    expect(() => cipher.open(prefix + rawOf(sealed).subarray(0, 20).toString('base64'), id)).toThrow(
      'truncated',
    );
    expect(() => cipher.open(`${SEALED_V2}${sealed.slice(prefix.length)}`, id)).toThrow('malformed');
    expect(() => cipher.open(`enc:v3:${idOf(a)}:AAAA`, id)).toThrow(
      /format this gateway does not know \(enc:v3\)/,
    );
    expect(() => new SecretCipher(undefined).open(sealed, id)).toThrow(/WEBHOOK_SECRET_KEY is not set/);
  });

  it('re-seals values with the current key: plain, enc:v1 and previous-key values; current ones are left as they are', () => {
    const [a, b] = [key(), key()];
    const id = randomUUID();
    const secret = newWebhookSecret();
    const cipher = new SecretCipher(b, [a, V1.key]);
    const onlyB = new SecretCipher(b);
    for (const stored of [secret, new SecretCipher(a).seal(secret, id)]) {
      const resealed = cipher.reseal(stored, id);
      expect(cipher.isCurrent(resealed)).toBe(true);
      expect(onlyB.open(resealed, id)).toBe(secret);
    }
    const fromV1 = cipher.reseal(V1.sealed, V1.endpointId);
    expect(fromV1.startsWith(sealedWith(idOf(b)))).toBe(true);
    expect(onlyB.open(fromV1, V1.endpointId)).toBe(V1.secret);
    const current = cipher.seal(secret, id);
    expect(cipher.reseal(current, id)).toBe(current);
    expect(() => cipher.reseal(new SecretCipher(key()).seal(secret, id), id)).toThrow(SecretUnavailable);
  });

  it('reads plain secrets as they are, and stores plain text when no key is configured', () => {
    const secret = newWebhookSecret();
    expect(new SecretCipher(key()).open(secret, randomUUID())).toBe(secret);
    const none = new SecretCipher(undefined);
    expect(none.encrypts).toBe(false);
    expect(none.seal(secret, randomUUID())).toBe(secret);
    expect(secret.startsWith(SEALED_PREFIX)).toBe(false);
  });

  it('takes 32-byte keys only, previous keys only beside a current one, and each key once', () => {
    const k = key();
    expect(() => new SecretCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
    expect(() => new SecretCipher(undefined, [k])).toThrow(
      /^WEBHOOK_SECRET_KEYS_PREVIOUS is set but WEBHOOK_SECRET_KEY is not/,
    );
    expect(() => new SecretCipher(key(), [randomBytes(31).toString('base64')])).toThrow(
      'entry 1 must be base64',
    );
    expect(() => new SecretCipher(key(), [k, k])).toThrow('the same key twice (entries 1 and 2)');
    expect(() => new SecretCipher(k, [k])).toThrow('entry 1 is WEBHOOK_SECRET_KEY itself');
  });
});
