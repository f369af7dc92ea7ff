import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `bat_<prefix>_<secret>`: `bat_` lets the auth guard pick the API key
 * verifier without any crypto, the 10-character prefix is public (lists show it; the database
 * finds the key by it), the secret is 32 random bytes (256 bits) in base64url.
 *
 * Only SHA-256 of the whole key is stored. A slow password hash (bcrypt, argon2) exists to make
 * guessing low-entropy passwords expensive; a 256-bit random secret cannot be guessed at any
 * speed, so a fast hash gives the same protection if the table leaks and keeps verification
 * cheap on the request path.
 */
export const API_KEY_PREFIX = 'bat_';
const PREFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const PREFIX_LENGTH = 10;
const FORMAT = new RegExp(`^${API_KEY_PREFIX}([${PREFIX_ALPHABET}]{${PREFIX_LENGTH}})_([A-Za-z0-9_-]{43})$`);

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

export function newApiKey(): NewApiKey {
  const bytes = randomBytes(PREFIX_LENGTH);
  const prefix = Array.from(bytes, (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
  const key = `${API_KEY_PREFIX}${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** the public prefix of a well-formed key, or undefined */
export function apiKeyPrefixOf(key: string): string | undefined {
  return FORMAT.exec(key)?.[1];
}

/** constant-time comparison of two hex digests */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
