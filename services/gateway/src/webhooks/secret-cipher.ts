import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** how every sealed secret in `webhook_endpoint.secret` / `previous_secret` starts; plain ones start `whsec_` */
export const SEALED_PREFIX = 'enc:';
/** the first format, with no key id: `enc:v1:<base64(iv | tag | ciphertext)>`; still read, no longer written */
export const SEALED_V1 = 'enc:v1:';
/** the format written: `enc:v2:<key id>:<base64(iv | tag | ciphertext)>` */
export const SEALED_V2 = 'enc:v2:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_ID = /^[0-9a-f]{8}$/;

export class SecretUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnavailable';
  }
}

/** the endpoint a ciphertext belongs to: a sealed secret copied onto another row does not open */
const aadOf = (endpointId: string) => Buffer.from(`baton:webhook-endpoint:${endpointId}`, 'utf8');

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

/** the 32 bytes of a base64 key, or undefined when it is not base64 of exactly 32 bytes */
export function decodeKey(base64: string): Buffer | undefined {
  if (!BASE64.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}

/**
 * The id that names a key in `enc:v2:` values: the first 8 hex characters of SHA-256 of its 32
 * bytes (`printf %s "$KEY" | base64 -d | sha256sum | cut -c1-8`). Not secret: it cannot be turned
 * back into the key.
 */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** the start of every value sealed with the key `keyId` in the current format */
export const sealedWith = (keyId: string): string => `${SEALED_V2}${keyId}:`;

/** WEBHOOK_SECRET_KEYS_PREVIOUS as a list: comma-separated, spaces around entries ignored */
export const splitKeyList = (list: string | undefined): string[] =>
  list === undefined || list === '' ? [] : list.split(',').map((k) => k.trim());

/**
 * What is wrong with a set of keys, as the end of a sentence about WEBHOOK_SECRET_KEYS_PREVIOUS
 * (undefined: nothing). An invalid WEBHOOK_SECRET_KEY is its own variable's problem and is not
 * reported here. Key values never appear in the message.
 */
export function previousKeysProblem(
  current: string | undefined,
  previous: readonly string[],
): string | undefined {
  if (previous.length === 0) return undefined;
  if (current === undefined) {
    return 'is set but WEBHOOK_SECRET_KEY is not: previous keys only open values sealed earlier; set the current key too';
  }
  const currentKey = decodeKey(current);
  const seen = new Map<string, { n: number; key: Buffer }>();
  for (const [i, entry] of previous.entries()) {
    const n = i + 1;
    if (entry === '') return `entry ${n} is empty (a comma-separated list of base64 keys)`;
    const key = decodeKey(entry);
    if (!key) return `entry ${n} must be base64 text decoding to exactly ${SECRET_KEY_BYTES} bytes`;
    if (currentKey?.equals(key)) return `entry ${n} is WEBHOOK_SECRET_KEY itself: list only earlier keys`;
    const id = keyIdOf(key);
    const earlier = seen.get(id);
    if (earlier?.key.equals(key)) return `lists the same key twice (entries ${earlier.n} and ${n})`;
    // two different keys with one id: odds of 1 in 2^32, but `open` must know which key to take
    if (earlier) return `entries ${earlier.n} and ${n} have the same key id: replace one of them`;
    if (currentKey && keyIdOf(currentKey) === id) {
      return `entry ${n} has the key id of WEBHOOK_SECRET_KEY: replace one of them`;
    }
    seen.set(id, { n, key });
  }
  return undefined;
}

/**
 * Webhook signing secrets at rest. Standard Webhooks signs with the secret itself, so it cannot
 * be hashed like an API key: it is encrypted with AES-256-GCM, a fresh 96-bit IV per value, the
 * endpoint id as additional data, under the current key (WEBHOOK_SECRET_KEY), and stored as
 * `enc:v2:<key id>:<base64(iv | tag | ciphertext)>` (120 characters for a `whsec_` secret; the
 * column holds 128). `open` takes the key the value names: the current one or one of the previous
 * keys (WEBHOOK_SECRET_KEYS_PREVIOUS), so the key can be rotated; `enc:v1:` values (written before
 * values named their key) are opened by trying the current key, then the previous ones.
 * Without a key `seal` stores the plain secret (the gateway warns at start), and `open` reads plain
 * values as they are, so rows written before a key was configured keep working until they are sealed.
 */
export class SecretCipher {
  private readonly current?: { id: string; key: Buffer };
  /** every key by id: the current one first, then the previous ones in the order given */
  private readonly keys = new Map<string, Buffer>();

  /** keys as base64 of 32 bytes; `current` undefined: no encryption (then no previous keys either) */
  constructor(current: string | undefined, previous: readonly string[] = []) {
    const problem = previousKeysProblem(current, previous);
    if (problem) throw new Error(`WEBHOOK_SECRET_KEYS_PREVIOUS ${problem}`);
    if (current === undefined) return;
    const key = decodeKey(current);
    if (!key)
      throw new Error(`WEBHOOK_SECRET_KEY must be base64 text decoding to exactly ${SECRET_KEY_BYTES} bytes`);
    this.current = { id: keyIdOf(key), key };
    for (const k of [key, ...previous.map((p) => decodeKey(p)!)]) this.keys.set(keyIdOf(k), k);
  }

  get encrypts(): boolean {
    return this.current !== undefined;
  }

  /** the id of the key new values are sealed with */
  get keyId(): string | undefined {
    return this.current?.id;
  }

  /** the ids of WEBHOOK_SECRET_KEYS_PREVIOUS, in order */
  get previousKeyIds(): string[] {
    return [...this.keys.keys()].slice(1);
  }

  /** whether `stored` is already sealed with the current key in the current format */
  isCurrent(stored: string): boolean {
    return this.current !== undefined && stored.startsWith(sealedWith(this.current.id));
  }

  seal(secret: string, endpointId: string): string {
    if (!this.current) return secret;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(aadOf(endpointId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return (
      sealedWith(this.current.id) + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')
    );
  }

  /** the plain secret; throws SecretUnavailable when a sealed value cannot be opened */
  open(stored: string, endpointId: string): string {
    if (!isSealed(stored)) return stored;
    if (!this.current) {
      throw new SecretUnavailable('the endpoint secret is encrypted and WEBHOOK_SECRET_KEY is not set');
    }
    if (stored.startsWith(SEALED_V2)) {
      const rest = stored.slice(SEALED_V2.length);
      const colon = rest.indexOf(':');
      const id = rest.slice(0, colon);
      if (colon < 0 || !KEY_ID.test(id)) {
        throw new SecretUnavailable('the stored endpoint secret is malformed (no key id)');
      }
      const key = this.keys.get(id);
      if (!key) {
        throw new SecretUnavailable(
          `the endpoint secret is sealed with key ${id}, which is neither WEBHOOK_SECRET_KEY (${this.current.id}) nor in WEBHOOK_SECRET_KEYS_PREVIOUS`,
        );
      }
      const secret = decrypt(key, rawOf(rest.slice(colon + 1)), endpointId);
      if (secret === undefined) {
        throw new SecretUnavailable(
          `the endpoint secret does not decrypt with key ${id} (the value was altered, or belongs to another endpoint)`,
        );
      }
      return secret;
    }
    if (stored.startsWith(SEALED_V1)) {
      const raw = rawOf(stored.slice(SEALED_V1.length));
      for (const key of this.keys.values()) {
        const secret = decrypt(key, raw, endpointId);
        if (secret !== undefined) return secret;
      }
      throw new SecretUnavailable(
        'the endpoint secret does not decrypt with WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEYS_PREVIOUS (another key, or the value was altered)',
      );
    }
    throw new SecretUnavailable(
      `the endpoint secret is sealed in a format this gateway does not know (${/^enc:[a-z0-9]{0,8}/.exec(stored)![0]})`,
    );
  }

  /**
   * `stored` sealed with the current key: the same text when it already is, else opened (plain
   * values as they are) and sealed again. Throws SecretUnavailable when it cannot be opened.
   */
  reseal(stored: string, endpointId: string): string {
    if (!this.current || this.isCurrent(stored)) return stored;
    return this.seal(this.open(stored, endpointId), endpointId);
  }
}

function rawOf(base64: string): Buffer {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length <= IV_BYTES + TAG_BYTES)
    throw new SecretUnavailable('the stored endpoint secret is truncated');
  return raw;
}

/** the plain text, or undefined when the key, the tag or the additional data do not match */
function decrypt(key: Buffer, raw: Buffer, endpointId: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(aadOf(endpointId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
