import { newDevSigningKey } from '@baton/platform/dev-token';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SIGNING_KEY_FILE } from './paths.js';

/**
 * The key the gateway verifies development tokens with (AUTH_DEV_SIGNING_KEY): base64url of 32
 * random bytes. AUTH_DEV_SIGNING_KEY from the environment wins; otherwise it is kept in
 * .data/dev-signing-key so that tokens minted earlier stay valid across restarts.
 */
export async function loadOrCreateSigningKey(
  env: NodeJS.ProcessEnv = process.env,
  file = SIGNING_KEY_FILE,
): Promise<string> {
  const existing = env.AUTH_DEV_SIGNING_KEY?.trim() || (await readKeyFile(file));
  if (existing) return existing;
  const key = newDevSigningKey();
  await mkdir(dirname(file), { recursive: true });
  try {
    // 'wx': if a parallel run wrote one first, keep theirs so both agree.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readKeyFile(file)) ?? key;
  }
}

/** The key without creating one: for `npm run token`, which must match the running gateway. */
export async function readSigningKey(
  env: NodeJS.ProcessEnv = process.env,
  file = SIGNING_KEY_FILE,
): Promise<string | undefined> {
  return env.AUTH_DEV_SIGNING_KEY?.trim() || (await readKeyFile(file));
}

async function readKeyFile(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim() || undefined;
}
