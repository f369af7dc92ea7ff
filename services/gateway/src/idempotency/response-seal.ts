import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Stored idempotent responses are sealed so that the database alone never reveals them: some
 * carry a one-time secret (`bat_…` API keys, `whsec_…` webhook secrets) that is stored nowhere
 * else in clear. The sealing key is derived (HKDF-SHA256) from the raw Idempotency-Key, which
 * only the client holds (the table keeps a SHA-256 of it), and the caller's tenant + principal;
 * so only a retry with the same key by the same caller opens the response again.
 * Every stored response is sealed, not just the secret-bearing ones: one path, and it costs a
 * few microseconds per request (README, "Gateway: idempotency").
 *
 * Format (bytea): version byte 1 | 12-byte IV | 16-byte GCM tag | ciphertext of
 * `{"headers":{…},"body":"…"}`. The associated data binds it to its row and request, so a sealed
 * response copied onto another row (or another request under the same key) does not open.
 */
export interface IdempotencyScope {
  tenantId: string;
  principal: string;
  /** the raw Idempotency-Key: derives the sealing key; never stored, never logged */
  key: string;
  /** SHA-256 (hex) of the raw key: what the table stores and looks up */
  keyHash: string;
}

export interface SealedContent {
  headers: Record<string, string>;
  body: string;
}

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const SALT = Buffer.from('baton:idempotency-response', 'utf8');

export const hashIdempotencyKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

export function idempotencyScope(tenantId: string, principal: string, key: string): IdempotencyScope {
  return { tenantId, principal, key, keyHash: hashIdempotencyKey(key) };
}

function sealingKey(scope: IdempotencyScope): Buffer {
  const info = Buffer.from(`v1\0${scope.tenantId}\0${scope.principal}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', Buffer.from(scope.key, 'utf8'), SALT, info, 32));
}

const aadOf = (scope: IdempotencyScope, requestHash: string): Buffer =>
  Buffer.from(`${scope.tenantId}\0${scope.principal}\0${scope.keyHash}\0${requestHash}`, 'utf8');

export function sealResponse(scope: IdempotencyScope, requestHash: string, content: SealedContent): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(scope), iv);
  cipher.setAAD(aadOf(scope, requestHash));
  const plain = Buffer.from(JSON.stringify({ headers: content.headers, body: content.body }), 'utf8');
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), encrypted]);
}

/** the sealed response, or an error when it is not ours to open (another key, scope or request) */
export function openResponse(scope: IdempotencyScope, requestHash: string, sealed: Buffer): SealedContent {
  if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT_V1) {
    throw new Error('stored idempotent response: unknown format');
  }
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(scope), sealed.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(aadOf(scope, requestHash));
  decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
  const plain = Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as SealedContent;
}
