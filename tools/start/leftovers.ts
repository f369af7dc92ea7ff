// Services run detached (own process groups), so a launcher killed with SIGKILL leaves them
// running. Their pids are kept in .data/run/<service>.pid; the next start stops any that are
// still alive before starting new ones. (Postgres and nats-server are handled by local-infra.)
import { isProcessNamed, stopPid } from '@baton/local-infra';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const runDir = (dataDir: string) => join(dataDir, 'run');
const pidFile = (dataDir: string, service: string) => join(runDir(dataDir), `${service}.pid`);

/** What a launcher's command line contains (`npm start` runs `tsx … tools/start/start.ts`). */
const LAUNCHER = 'tools/start/start';

/**
 * Makes this process the checkout's one launcher: throws when another `npm start` from the same
 * checkout is still running (it would otherwise stop that one's services as leftovers, and share
 * its data directory), else records this process's pid. A pid file whose process is gone, or is
 * now something else, is taken over.
 */
export async function claimLauncher(dataDir: string, pid = process.pid): Promise<void> {
  const file = pidFile(dataDir, 'launcher');
  const running = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (running && running !== pid && (await isProcessNamed(running, LAUNCHER))) {
    throw new Error(
      `another \`npm start\` is running from this checkout (pid ${running}): stop it first ` +
        '(Ctrl-C in its terminal), or start from another checkout',
    );
  }
  await recordPid(dataDir, 'launcher', pid);
}

/** Remembers the pid of a service process just spawned. */
export async function recordPid(dataDir: string, service: string, pid: number): Promise<void> {
  await mkdir(runDir(dataDir), { recursive: true });
  await writeFile(pidFile(dataDir, service), `${pid}\n`);
}

/** Stops service processes left by an earlier run that did not get to clean up. */
export async function stopLeftoverServices(
  dataDir: string,
  services: readonly string[],
  say: (line: string) => void,
): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      const file = pidFile(dataDir, service);
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      // The command line must name this service's entry point: a reused pid is left alone.
      if (pid && (await isProcessNamed(pid, `services/${service}/src/main.js`))) {
        say(`stopping ${service} left running by an earlier run (pid ${pid})`);
        await stopPid(pid, 'SIGTERM', 10_000);
      }
      await rm(file, { force: true });
    }),
  );
}
