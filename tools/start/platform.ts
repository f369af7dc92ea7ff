// Brings the platform up: infrastructure, the seven services, readiness, banner, demo data.
// Every started piece registers its stop with `shutdown`, which runs them in reverse.
import {
  databaseOf,
  ensureDatabase,
  ensureNats,
  ensurePostgres,
  freePort,
  type RunningNats,
  type RunningPostgres,
} from '@baton/local-infra';
import { join } from 'node:path';
import { DemoTenants } from '@baton/contracts/auth';
import { parsePort } from './args.js';
import { banner } from './banner.js';
import { loadDemo } from './demo.js';
import { recordPid, stopLeftoverServices } from './leftovers.js';
import { mintDevToken } from './dev-token.js';
import type { Output } from './output.js';
import { waitUntilReady } from './readiness.js';
import { SERVICES, metricsUrls, missingEntryPoints, serviceSpecs } from './services.js';
import type { Shutdown } from './shutdown.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { Supervisor, type ServiceSpec } from './supervisor.js';

export interface PlatformOptions {
  /** Repository root: services run from <root>/dist/services/<name>/src/main.js. */
  root: string;
  /** .data: Postgres cluster, JetStream store, signing key. */
  dataDir: string;
  demo: boolean;
  /** --port; PORT, then 3000, when absent. */
  port?: number;
  readyTimeoutMs: number;
  out: Output;
  shutdown: Shutdown;
}

/** Preferred ports of what we start ourselves; a free one is used when they are taken. */
const POSTGRES_PORT = 54320;
const NATS_PORT = 42220;

export async function runPlatform(o: PlatformOptions): Promise<void> {
  const wantedPort = o.port ?? (process.env.PORT ? parsePort(process.env.PORT, 'PORT') : 3000);
  await assertBuilt(o.root);
  await stopLeftoverServices(o.dataDir, SERVICES, o.out.say);
  const { postgres, databaseUrl, nats } = await startInfrastructure(o);
  const signingKey = await loadOrCreateSigningKey(process.env, join(o.dataDir, 'dev-signing-key'));
  const host = process.env.HOST || '127.0.0.1';
  const port = await gatewayPort(wantedPort, host, o.out);
  const platform = { root: o.root, databaseUrl, natsUrl: nats.url, signingKey, host, port };
  const specs = await serviceSpecs(platform);
  const supervisor = startServices(o, specs);

  const origin = `http://${connectHost(host)}:${port}`;
  const mint = (tenantId: string, sub: string) =>
    mintDevToken({ key: signingKey, tenantId, roles: ['pmo-admin'], sub, name: 'Dev Admin' });
  const demoToken = await mint(DemoTenants.demo.id, 'dev-admin');
  const otherToken = await mint(DemoTenants.other.id, 'other-admin');
  if (!(await awaitReady(o, origin, demoToken, supervisor))) return;

  const shownDatabaseUrl = postgres.started ? databaseUrl : redact(databaseUrl);
  const colour = o.out.colour;
  console.log(
    banner({
      origin,
      demoToken,
      otherToken,
      databaseUrl: shownDatabaseUrl,
      natsUrl: nats.url,
      metrics: metricsUrls(specs, connectHost(host)),
      colour,
    }),
  );
  if (o.demo) await loadDemoData(`${origin}/api/v1`, demoToken, o.out);
}

async function assertBuilt(root: string): Promise<void> {
  const missing = await missingEntryPoints(root);
  if (missing.length) {
    throw new Error(
      `no build output for ${missing.join(', ')} (dist/services/<name>/src/main.js, built from services/<name>/src/main.ts)`,
    );
  }
}

function startServices(o: PlatformOptions, specs: ServiceSpec[]): Supervisor {
  const supervisor = new Supervisor(specs, {
    line: o.out.serviceLine,
    notice: o.out.notice,
    spawned: (service, pid) => void recordPid(o.dataDir, service, pid).catch(() => undefined),
  });
  o.shutdown.add('services', () => supervisor.stopAll());
  o.shutdown.onForce(() => supervisor.killAll());
  supervisor.startAll();
  return supervisor;
}

/** True once all are up. Otherwise says what is missing, with their last lines, and shuts down. */
async function awaitReady(o: PlatformOptions, origin: string, token: string, supervisor: Supervisor) {
  o.out.say(`waiting for all ${SERVICES.length} services to be up (at most ${o.readyTimeoutMs / 1000} s)`);
  const started = Date.now();
  const readiness = await waitUntilReady({
    origin,
    token,
    services: SERVICES,
    timeoutMs: o.readyTimeoutMs,
    cancelled: () => o.shutdown.inProgress,
  });
  if (o.shutdown.inProgress) return false;
  if (readiness.ready) {
    o.out.say(`all ${SERVICES.length} services up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  }
  o.out.say(`not ready after ${o.readyTimeoutMs / 1000} s:`);
  for (const { name, seen } of readiness.notUp) {
    o.out.say(`  ${name}: ${seen}; its last lines:`);
    for (const line of supervisor.recentLines(name)) o.out.serviceLine(name, line, 'stdout');
  }
  await o.shutdown.run(1);
  return false;
}

async function startInfrastructure(o: PlatformOptions) {
  const log = o.out.say;
  const postgres = await ensurePostgres({
    dataDir: join(o.dataDir, 'postgres'),
    port: POSTGRES_PORT,
    // Out of reach of the terminal's Ctrl-C: stopped after the services, by `shutdown`.
    ownProcessGroup: true,
    log,
  });
  o.shutdown.add('Postgres', postgres.stop);
  const databaseUrl = await platformDatabase(postgres);
  const nats: RunningNats = await ensureNats({
    storeDir: join(o.dataDir, 'nats'),
    port: NATS_PORT,
    ownProcessGroup: true, // like Postgres: stopped after the services
    log,
  });
  o.shutdown.add('NATS', nats.stop);
  const pg = postgres.started
    ? `embedded Postgres on port ${new URL(postgres.url).port}`
    : 'Postgres from DATABASE_URL';
  const ns = nats.started
    ? `nats-server on port ${new URL(nats.url).port} (pid ${nats.pid})`
    : 'NATS from NATS_URL';
  log(`${pg}, ${ns}`);
  return { postgres, databaseUrl, nats };
}

/**
 * The database the services share (one schema each). An external DATABASE_URL that names a
 * database of its own is used as it is; otherwise a database `baton` is created beside `postgres`.
 */
async function platformDatabase(postgres: RunningPostgres): Promise<string> {
  const named = databaseOf(postgres.url);
  if (!postgres.started && named && named !== 'postgres') return postgres.url;
  return ensureDatabase(postgres.url, 'baton');
}

async function gatewayPort(wanted: number, host: string, out: Output): Promise<number> {
  const port = await freePort(wanted, host);
  if (port !== wanted) out.say(`port ${wanted} is in use; the gateway listens on ${port} instead`);
  return port;
}

/** Where to reach a server bound to `host` (a wildcard address is reached via loopback). */
function connectHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** A password from the user's own DATABASE_URL does not belong in the terminal scrollback. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The demo is a convenience: if it fails, say why and keep the platform running. */
async function loadDemoData(api: string, token: string, out: Output): Promise<void> {
  out.say('loading the demo portfolio');
  try {
    await loadDemo(api, token, (line) => out.say(`  ${line}`));
    out.say('demo portfolio loaded');
  } catch (err) {
    out.say(`demo data could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}
