import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { findOrInstallNatsServer } from './nats-binary.js';
import {
  LogTail,
  isProcessNamed,
  isRunning,
  stopChild,
  stopPid,
  waitForGreeting,
  type LogFn,
} from './process-utils.js';

export interface NatsOptions {
  /** JetStream store directory (persistent for `npm start`, a temp dir for tests). */
  storeDir: string;
  /** Port to try first; any free port otherwise. */
  port?: number;
  /**
   * Run nats-server in its own process group, out of reach of the terminal's Ctrl-C, so that
   * the caller can stop it after the services that use it (`npm start`). Default false: a
   * Ctrl-C then stops it together with the caller, which suits test runs.
   */
  ownProcessGroup?: boolean;
  /** Progress lines. Default console.log. */
  log?: LogFn;
  /** Where NATS_URL and PATH are read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningNats {
  url: string;
  /** True if we started a nats-server that stop() will stop; false for an external NATS_URL. */
  started: boolean;
  /** pid of the nats-server we started. */
  pid?: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** NATS_URL wins when set (after checking it answers); otherwise a nats-server with JetStream is started. */
export async function ensureNats(opts: NatsOptions): Promise<RunningNats> {
  const env = opts.env ?? process.env;
  if (env.NATS_URL) {
    await checkNatsUrl(env.NATS_URL);
    return { url: env.NATS_URL, started: false, stop: async () => undefined };
  }
  return startNatsServer(opts, env);
}

async function startNatsServer(opts: NatsOptions, env: NodeJS.ProcessEnv): Promise<RunningNats> {
  const log = opts.log ?? console.log;
  const binary = await findOrInstallNatsServer(log, env);
  await mkdir(opts.storeDir, { recursive: true });
  const pidFile = join(opts.storeDir, 'nats-server.pid');
  await stopLeftoverServer(pidFile, log);
  const port = await freePort(opts.port, HOST);

  const tail = new LogTail();
  const child = spawn(binary, ['-js', '-sd', opts.storeDir, '-a', HOST, '-p', String(port), '-P', pidFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.ownProcessGroup ?? false,
  });
  child.stdout.on('data', (d: Buffer) => tail.push(d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => tail.push(d.toString('utf8')));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // Safety net if our process exits without calling stop(): a child in its own group would
  // live on.
  const killOnExit = () => child.kill('SIGTERM'); // it finishes shutting down on its own
  process.once('exit', killOnExit);

  try {
    await waitForGreeting(HOST, port, 15_000, () => {
      if (spawnError) return `could not run ${binary}: ${spawnError.message}`;
      if (!isRunning(child)) return `nats-server exited (code ${child.exitCode ?? child.signalCode})`;
      return undefined;
    });
  } catch (err) {
    await stopChild(child, 'SIGKILL', 1000);
    process.removeListener('exit', killOnExit);
    throw new Error(`nats-server did not start on ${HOST}:${port}: ${(err as Error).message}\n${tail}`, {
      cause: err,
    });
  }

  return {
    url: `nats://${HOST}:${port}`,
    started: true,
    pid: child.pid,
    stop: async () => {
      await stopChild(child, 'SIGTERM', 5000);
      process.removeListener('exit', killOnExit);
    },
  };
}

/** Fails early, with the variable's name, when NATS_URL points at nothing. */
async function checkNatsUrl(natsUrl: string): Promise<void> {
  const first = natsUrl.split(',')[0].trim();
  const u = new URL(first.includes('://') ? first : `nats://${first}`);
  try {
    await waitForGreeting(u.hostname, Number(u.port || 4222), 3000);
  } catch (err) {
    throw new Error(
      `NATS_URL (${u.host}) is set but no NATS server answers there: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** A launcher killed with SIGKILL leaves its nats-server holding the store dir: stop it first. */
async function stopLeftoverServer(pidFile: string, log: LogFn): Promise<void> {
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (!pid || !(await isProcessNamed(pid, 'nats-server'))) return;
  log(`stopping a nats-server left running by an earlier run (pid ${pid})`);
  await stopPid(pid, 'SIGTERM', 5000);
}
