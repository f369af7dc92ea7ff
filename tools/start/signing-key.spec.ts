import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, readSigningKey } from './signing-key.js';

describe('dev signing key', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-key-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates 32 random bytes (base64url) in a file only the owner can read, then reuses it', async () => {
    const file = join(dir, '.data', 'dev-signing-key');
    expect(await readSigningKey({}, file)).toBeUndefined();
    const key = await loadOrCreateSigningKey({}, file);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSigningKey({}, file)).toBe(key);
    expect(await readSigningKey({}, file)).toBe(key);
  });

  it('prefers AUTH_DEV_SIGNING_KEY and then writes nothing', async () => {
    const file = join(dir, 'unused-key');
    expect(await loadOrCreateSigningKey({ AUTH_DEV_SIGNING_KEY: 'from-env' }, file)).toBe('from-env');
    await expect(stat(file)).rejects.toThrow();
  });
});
