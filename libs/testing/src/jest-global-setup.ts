// Runs once per Jest run, before any worker starts. It provides one Postgres server and one NATS
// server for every suite: the ones DATABASE_URL / NATS_URL name, or an embedded Postgres in a temp
// dir and a nats-server started here. Workers inherit process.env, so suites read DATABASE_URL (an
// admin URL to the `postgres` database: each suite creates its own database from it) and NATS_URL.
import { chmod, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/** Jest runs setup and teardown in its main process: globalThis carries stop() across. */
export const INFRA_KEY = '__batonTestInfra';
export interface TestInfra {
  stop(): Promise<void>;
}

const log = (line: string) => console.log(`[test infra] ${line}`);

export default async function globalSetup(_global: unknown, project?: { rootDir?: string }): Promise<void> {
  const started = Date.now();
  const rootDir = project?.rootDir ?? process.cwd();
  const infra = await loadLocalInfra(rootDir);
  await sweepAbandonedDirs(infra.isAlive);
  const dir = await mkdtemp(join(tmpdir(), 'baton-test-'));
  // mkdtemp makes it 0700; as root, Postgres runs as another user and must be able to enter it.
  await chmod(dir, 0o755);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // Reverse order, NATS then Postgres; one failing stop must not leave the other running.
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`stop failed: ${String(err)}`));
    await rm(dir, { recursive: true, force: true });
  };
  (globalThis as Record<string, unknown>)[INFRA_KEY] = { stop } satisfies TestInfra;
  try {
    const postgres = await infra.ensurePostgres({ dataDir: join(dir, 'postgres'), persistent: false, log });
    stops.push(postgres.stop);
    const nats = await infra.ensureNats({ storeDir: join(dir, 'nats'), log });
    stops.push(nats.stop);
    process.env.DATABASE_URL = postgres.url;
    process.env.NATS_URL = nats.url;
    const ours = [postgres.started && 'embedded Postgres', nats.started && 'nats-server'].filter(Boolean);
    if (ours.length) log(`started ${ours.join(' and ')} in ${Date.now() - started} ms`);
  } catch (err) {
    // Jest skips globalTeardown when globalSetup throws: stop whatever did start.
    await stop();
    throw err;
  }
}

/**
 * Jest loads this file with plain `require` (transpiled to CommonJS, no moduleNameMapper), so a
 * static import of '../../local-infra/src/index.js' would look for a .js file that does not
 * exist. tsx loads the library as the ESM TypeScript it is, `.js` suffixes included.
 */
async function loadLocalInfra(rootDir: string): Promise<typeof import('@baton/local-infra')> {
  const entry = pathToFileURL(join(rootDir, 'libs/local-infra/src/index.ts')).href;
  return tsImport(entry, pathToFileURL(join(rootDir, 'jest.config.js')).href);
}

/**
 * A run stopped with Ctrl-C never reaches globalTeardown, leaving its temp dir (a Postgres
 * cluster, tens of MB) behind. Remove such dirs of earlier runs: old enough, and with neither
 * server still running from them (other test runs may be going on right now).
 */
async function sweepAbandonedDirs(isAlive: (pid: number) => Promise<boolean>): Promise<void> {
  const prefixes = ['baton-test-', 'baton-local-infra-'];
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    const dir = join(tmpdir(), name);
    const info = await stat(dir).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs < 10 * 60_000) continue;
    const pidFiles = [join(dir, 'postgres', 'postmaster.pid'), join(dir, 'nats', 'nats-server.pid')];
    const pids = await Promise.all(pidFiles.map(readPid));
    const running = await Promise.all(pids.map((pid) => (pid ? isAlive(pid) : Promise.resolve(false))));
    if (!running.includes(true)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function readPid(pidFile: string): Promise<number | undefined> {
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  return pid > 0 ? pid : undefined;
}
