import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** how a sealed secret starts in `webhook_endpoint.secret` / `previous_secret` */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export class SecretUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnavailable';
  }
}

/** the endpoint a ciphertext belongs to: a sealed secret copied onto another row does not open */
const aadOf = (endpointId: string) => Buffer.from(`baton:webhook-endpoint:${endpointId}`, 'utf8');

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

/**
 * Webhook signing secrets at rest. Standard Webhooks signs with the secret itself, so it cannot
 * be hashed like an API key: it is encrypted with AES-256-GCM under WEBHOOK_SECRET_KEY, a fresh
 * 96-bit IV per value, the endpoint id as additional data. Stored as
 * `enc:v1:<base64(iv | tag | ciphertext)>` (111 characters for a `whsec_` secret). Without a key
 * `seal` stores the plain secret (the gateway warns at start), and `open` reads plain values as
 * they are, so rows written before a key was configured keep working until they are sealed.
 */
export class SecretCipher {
  private readonly key?: Buffer;

  /** `keyBase64`: 32 bytes, base64; undefined: no encryption */
  constructor(keyBase64: string | undefined) {
    if (keyBase64 === undefined) return;
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`the key must be ${SECRET_KEY_BYTES} bytes`);
    this.key = key;
  }

  get encrypts(): boolean {
    return this.key !== undefined;
  }

  seal(secret: string, endpointId: string): string {
    if (!this.key) return secret;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aadOf(endpointId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** the plain secret; throws SecretUnavailable when a sealed value cannot be opened */
  open(stored: string, endpointId: string): string {
    if (!isSealed(stored)) return stored;
    if (!this.key) {
      throw new SecretUnavailable('the endpoint secret is encrypted and WEBHOOK_SECRET_KEY is not set');
    }
    const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64');
    if (raw.length <= IV_BYTES + TAG_BYTES)
      throw new SecretUnavailable('the stored endpoint secret is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(aadOf(endpointId));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretUnavailable(
        'the endpoint secret does not decrypt with WEBHOOK_SECRET_KEY (another key, or the value was altered)',
      );
    }
  }
}
