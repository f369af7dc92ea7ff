// bench:gateway — an authenticated read (GET /api/v1/projects/{id}) through gateway → NATS →
// planning → Postgres, next to a minimal Fastify + pg server running the same query, in one run,
// at a fixed concurrency. Prints ONE JSON line on stdout (progress goes to stderr).
//
//   npm run build && npm run bench:gateway -- [--concurrency 200] [--duration 15] [--warmup 5]
//       [--projects 100] [--cpu-prof DIR] [--service-env KEY=VALUE ...] [--no-build]
//
// The requests go round the ids of `--projects` projects, as reads from many users would; both
// servers get the same sequence of paths. The load generator (autocannon) runs in a process of its
// own (load-generator.mjs), so that neither this process's heap nor its work delays a response.
//
// Each of the connections sends its next request as soon as the last is answered, so both servers
// run flat out and their latencies are mostly queueing: by Little's law the mean latency is
// connections / throughput, so a p99 under 25 ms at 200 connections needs well over 8,000
// requests/s (the p99 runs at about 1.7× the mean).
// `cpuMsPerRequest` is what each process on the path spends per request: the figure to compare
// between runs, since it hardly depends on what else the machine is doing.
//
// Services run as real processes from dist/ (LOG_LEVEL=warn) on DATABASE_URL / NATS_URL (default:
// the local 127.0.0.1 servers, else embedded ones), in a fresh database and subject prefix.
import { freePort, stopChild } from '@baton/local-infra';
import { DemoTenants } from '@baton/contracts';
import { devSigningKeyBytes, newDevSigningKey, signDevToken } from '@baton/platform';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../../build.mjs';
import { SERVICE_NODE_FLAGS } from '../../start/node-flags.js';
import { startBenchInfra } from '../support/infra.js';
import { cpuPerRequest, natsServers, postgresBackends, processProbe, type CpuProbe } from './cpu.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = (line: string) => process.stderr.write(`[bench:gateway] ${line}\n`);

const { values: args } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '200' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    projects: { type: 'string', default: '100' },
    'cpu-prof': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    /** KEY=VALUE added to the gateway's and planning's environment (e.g. OTEL_SDK_DISABLED=true) */
    'service-env': { type: 'string', multiple: true, default: [] },
  },
});
const serviceEnv = Object.fromEntries(
  args['service-env'].map((kv) => {
    const at = kv.indexOf('=');
    if (at < 1) throw new Error(`--service-env wants KEY=VALUE, got "${kv}"`);
    return [kv.slice(0, at), kv.slice(at + 1)];
  }),
);
const concurrency = Number(args.concurrency);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const projectCount = Number(args.projects);
if (!(Number.isInteger(projectCount) && projectCount >= 1))
  throw new Error('--projects wants an integer ≥ 1');

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

function spawnNode(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): Proc {
  // the services' own flags (tools/start/node-flags.ts), for the minimal server as well
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (c: Buffer) => {
    output.push(...c.toString().split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM')
      log(`${name} exited (${code ?? signal}): ${output.slice(-5).join(' | ')}`);
  });
  return { name, child, output };
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Measured {
  requestsPerSec: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** The load generator's process (load-generator.mjs): autocannon, kept apart from this one's heap. */
class LoadGenerator {
  readonly child: ChildProcess;
  private readonly ready: Promise<void>;

  constructor() {
    this.child = fork(join(root, 'tools/bench/gateway/load-generator.mjs'), [], {
      execPath: process.execPath,
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = this.next().then(() => undefined);
  }

  private next(): Promise<{ result?: Measured; error?: string }> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (message) => {
        this.child.off('exit', onExit);
        resolve(message as { result?: Measured; error?: string });
      });
    });
  }

  /** `seconds` of load on `base`, each connection going round `paths` in order */
  async load(base: string, paths: readonly string[], headers: Record<string, string>, seconds: number) {
    await this.ready;
    const answer = this.next();
    this.child.send({ base, paths, headers, connections: concurrency, seconds });
    const { result, error } = await answer;
    if (!result) throw new Error(`the load generator failed: ${error}`);
    return result;
  }
}

async function main(): Promise<void> {
  if (!args['no-build']) {
    log('building (SWC)…');
    await build({ quiet: true });
  }
  const infra = await startBenchInfra(log);
  const procs: Proc[] = [];
  try {
    const key = newDevSigningKey();
    const gatewayPort = await freePort();
    const base = { ...infra.env(), ...serviceEnv };
    const prof = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args['cpu-prof'])}`] : [];
    procs.push(spawnNode('planning', join(root, 'dist/services/planning/src/main.js'), base, prof));
    const gateway = spawnNode(
      'gateway',
      join(root, 'dist/services/gateway/src/main.js'),
      {
        ...base,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        AUTH_DEV_MODE: 'true',
        AUTH_DEV_SIGNING_KEY: key,
        // the limiter runs (its cost is measured) but never refuses the benchmark's requests
        RATE_LIMIT_PRINCIPAL_PER_SECOND: '1000000',
        RATE_LIMIT_PRINCIPAL_BURST: '1000000',
        RATE_LIMIT_TENANT_PER_SECOND: '1000000',
        RATE_LIMIT_TENANT_BURST: '1000000',
      },
      prof,
    );
    procs.push(gateway);
    const gw = `http://127.0.0.1:${gatewayPort}`;
    await waitUntil('the gateway', async () => (await fetch(`${gw}/readyz`)).ok);

    const tenantId = DemoTenants.demo.id;
    const { token } = await signDevToken(devSigningKeyBytes(key), {
      tenantId,
      roles: ['pmo-admin'],
      sub: 'bench',
      ttlSeconds: 3600,
    });
    const auth = { authorization: `Bearer ${token}` };
    const createProject = async (n: number): Promise<string | undefined> => {
      const res = await fetch(`${gw}/api/v1/projects`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Benchmark project ${n}`, code: `BENCH-${n}`, startDate: '2027-01-04' }),
      });
      return res.status === 201 ? ((await res.json()) as { id: string }).id : undefined;
    };
    const projectIds: string[] = [];
    await waitUntil('planning to create the project', async () => {
      const id = await createProject(1);
      if (id) projectIds.push(id);
      return id !== undefined;
    });
    for (let n = 2; n <= projectCount; n++) {
      const id = await createProject(n);
      if (!id) throw new Error(`could not create benchmark project ${n}`);
      projectIds.push(id);
    }
    const projectId = projectIds[0]!;
    const paths = projectIds.map((id) => `/api/v1/projects/${id}`);

    const minimalPort = await freePort();
    const minimal = spawnNode(
      'minimal server',
      join(root, 'tools/bench/gateway/minimal-server.mjs'),
      {
        DATABASE_URL: infra.databaseUrl,
        PORT: String(minimalPort),
        TENANT_ID: tenantId,
      },
      prof,
    );
    procs.push(minimal);
    const min = `http://127.0.0.1:${minimalPort}`;
    await waitUntil(
      'the minimal server',
      async () => (await fetch(`${min}/api/v1/projects/${projectId}`)).ok,
    );

    // the two must do the same work: the same representation, byte for byte, for every project,
    // asked one at a time and all at once (planning then answers them from batched queries)
    const text = (url: string, headers: Record<string, string>) =>
      fetch(url, { headers }).then((r) => r.text());
    const bodies = async (base: string, headers: Record<string, string>, together: boolean) => {
      if (together) return Promise.all(paths.map((path) => text(base + path, headers)));
      const out: string[] = [];
      for (const path of paths) out.push(await text(base + path, headers));
      return out;
    };
    const expected = await bodies(min, {}, false);
    for (const together of [false, true]) {
      const viaGateway = await bodies(gw, auth, together);
      const k = viaGateway.findIndex((body, i) => body !== expected[i]);
      if (k >= 0)
        throw new Error(
          `the minimal server answers differently:\n${expected[k]}\nvs the gateway's\n${viaGateway[k]}`,
        );
    }
    log(`warm-up ${warmup}s each at ${concurrency} connections…`);
    const loader = new LoadGenerator();
    procs.push({ name: 'load generator', child: loader.child, output: [] });
    await loader.load(gw, paths, auth, warmup);
    await loader.load(min, paths, {}, warmup);
    log(`measuring ${duration}s each…`);
    const planning = procs[0]!;
    const database = new URL(infra.databaseUrl).pathname.slice(1);
    const shared: CpuProbe[] = [postgresBackends(database), processProbe('load generator', loader.child.pid)];
    const gatewayRun = await cpuPerRequest(
      [
        processProbe('gateway', gateway.child.pid),
        processProbe('planning', planning.child.pid),
        natsServers,
        ...shared,
      ],
      () => loader.load(gw, paths, auth, duration),
    );
    const minimalRun = await cpuPerRequest(
      [processProbe('minimal server', minimal.child.pid), ...shared],
      () => loader.load(min, paths, {}, duration),
    );
    const total = (cpu: Record<string, number>) =>
      Math.round(Object.values(cpu).reduce((a, b) => a + b, 0) * 1000) / 1000;
    const viaGateway = {
      ...gatewayRun.measured,
      cpuMsPerRequest: gatewayRun.cpuMsPerRequest,
      cpuMsPerRequestTotal: total(gatewayRun.cpuMsPerRequest),
    };
    const direct = {
      ...minimalRun.measured,
      cpuMsPerRequest: minimalRun.cpuMsPerRequest,
      cpuMsPerRequestTotal: total(minimalRun.cpuMsPerRequest),
    };
    const ratio = Math.round((viaGateway.requestsPerSec / Math.max(1, direct.requestsPerSec)) * 100) / 100;
    const line = {
      bench: 'gateway',
      path: 'GET /api/v1/projects/{id}: gateway (JWT, rate limit, audit hooks) → NATS → planning → Postgres',
      concurrency,
      projects: projectCount,
      durationSec: duration,
      warmupSec: warmup,
      gateway: viaGateway,
      minimal: direct,
      throughputRatio: ratio,
      // what the throughput ratio would be on an otherwise idle machine where CPU is the limit:
      // the whole direct path's CPU per request over the whole gateway path's
      cpuCostRatio: Math.round((direct.cpuMsPerRequestTotal / viaGateway.cpuMsPerRequestTotal) * 100) / 100,
      targets: {
        throughputRatioAtLeast: 0.5,
        gatewayP99MsBelow: 25,
        met: ratio >= 0.5 && viaGateway.p99Ms < 25,
      },
      machine: {
        cpus: cpus().length,
        loadavg1m: Math.round(loadavg()[0]! * 100) / 100,
        node: process.version,
      },
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    for (const p of procs.reverse()) await stopChild(p.child, 'SIGTERM', 10_000).catch(() => undefined);
    await infra.dispose();
  }
}

await main();
