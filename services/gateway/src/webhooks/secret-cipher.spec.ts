import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { SEALED_PREFIX, SecretCipher, SecretUnavailable } from './secret-cipher.js';
import { newWebhookSecret } from './signature.js';

const key = () => randomBytes(32).toString('base64');

describe('SecretCipher (webhook secrets at rest, AES-256-GCM)', () => {
  it('seals a secret so that the stored text does not contain it, and opens it again', () => {
    const cipher = new SecretCipher(key());
    const secret = newWebhookSecret();
    const id = randomUUID();
    const sealed = cipher.seal(secret, id);
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed.length).toBeLessThanOrEqual(128); // the column is varchar(128)
    expect(cipher.seal(secret, id)).not.toBe(sealed); // a fresh IV each time
    expect(cipher.open(sealed, id)).toBe(secret);
  });

  it('refuses a sealed secret moved to another endpoint, altered, or opened with another key', () => {
    const k = key();
    const cipher = new SecretCipher(k);
    const id = randomUUID();
    const sealed = cipher.seal(newWebhookSecret(), id);
    expect(() => cipher.open(sealed, randomUUID())).toThrow(SecretUnavailable);
    const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.open(SEALED_PREFIX + raw.toString('base64'), id)).toThrow(SecretUnavailable);
    expect(() => new SecretCipher(key()).open(sealed, id)).toThrow(/does not decrypt/);
    expect(() => new SecretCipher(undefined).open(sealed, id)).toThrow(/WEBHOOK_SECRET_KEY is not set/);
  });

  it('reads plain secrets as they are, and stores plain text when no key is configured', () => {
    const secret = newWebhookSecret();
    expect(new SecretCipher(key()).open(secret, randomUUID())).toBe(secret);
    const none = new SecretCipher(undefined);
    expect(none.encrypts).toBe(false);
    expect(none.seal(secret, randomUUID())).toBe(secret);
  });

  it('takes a 32-byte key only', () => {
    expect(() => new SecretCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
