import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { LogFn } from './process-utils.js';

const exec = promisify(execFile);

/** Debian puts it in /usr/sbin, which is not on a normal user's PATH; release tarballs in /usr/local/bin. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/bin'];

export const NATS_INSTALL_HINT =
  'nats-server was not found on the PATH. Install it (Debian/Ubuntu: sudo apt install nats-server; ' +
  'elsewhere: download it from https://github.com/nats-io/nats-server/releases), ' +
  'or set NATS_URL=nats://host:4222 to use a NATS server (with JetStream) that already runs.';

/** Absolute path of an executable nats-server on PATH or in the usual places, else undefined. */
export async function findNatsServer(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, 'nats-server');
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

/**
 * Finds nats-server; if it is missing and we are root on Debian (so the package manager is
 * ours to use and the package exists), installs it with apt-get. Anywhere else: one clear line.
 */
export async function findOrInstallNatsServer(
  log: LogFn,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const found = await findNatsServer(env);
  if (found) return found;
  if (!(await canAptInstall())) throw new Error(NATS_INSTALL_HINT);
  log('nats-server not found: installing it with apt-get (Debian, running as root)');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await exec('apt-get', ['update'], { env: aptEnv, maxBuffer: 16 * 1024 * 1024 });
    await exec('apt-get', ['install', '-y', 'nats-server'], { env: aptEnv, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    throw new Error(
      `apt-get install nats-server failed (${stderr || (err as Error).message}). ${NATS_INSTALL_HINT}`,
      {
        cause: err,
      },
    );
  }
  const installed = await findNatsServer(env);
  if (!installed)
    throw new Error(`apt-get installed nats-server but it is not on the PATH. ${NATS_INSTALL_HINT}`);
  return installed;
}

async function canAptInstall(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  return access('/etc/debian_version').then(
    () => true,
    () => false,
  );
}
