// Benchmark: change one task's duration in a 10,000-task project through the gateway and time the
// answer (the task with its computed dates and the rescheduled project's summary).
//
//   npm run bench:reschedule [-- --tasks 10000 --deps 20000 --requests 200 --warmup 20]
//
// Postgres and NATS: DATABASE_URL / NATS_URL when set, else an embedded Postgres and a nats-server
// (libs/local-infra, as the tests use). Gateway and planning run as the built binaries (SWC build,
// `node dist/...`), each its own process, as `npm start` runs them. The project is created through
// the gateway; its tasks and dependencies are seeded with two bulk SQL INSERTs into planning's
// tables (10,000 HTTP calls would measure nothing useful), then one schedule-settings call through
// the gateway computes the whole schedule once. Then `--warmup` and `--requests` sequential PATCH
// /tasks/{id} calls alternate the chosen task's duration, and ONE JSON line is printed.
import { freePort } from '@baton/local-infra';
import { devSigningKeyBytes, newDevSigningKey, signDevToken } from '@baton/platform/dev-token';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildAll, ServiceProcess } from '../../e2e/src/support/binaries.js';
import { percentile, round, startBenchInfra } from '../support/infra.js';
import { seedNetwork } from './seed.js';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    deps: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    /** critical: a critical task half-way through the schedule (its change moves everything after it); any: a task in the middle of the WBS */
    pick: { type: 'string', default: 'critical' },
  },
});
const BENCH_TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const log = (line: string) => process.stderr.write(`[bench:reschedule] ${line}\n`);

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  await buildAll();
  const infra = await startBenchInfra(log);
  const services: ServiceProcess[] = [];
  try {
    const key = newDevSigningKey();
    const port = await freePort();
    const base = infra.env({ RPC_TIMEOUT_MS: '30000' });
    services.push(new ServiceProcess('planning', base).start());
    services.push(
      new ServiceProcess('gateway', {
        ...base,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_DEV_MODE: 'true',
        AUTH_DEV_SIGNING_KEY: key,
      }).start(),
    );

    const token = (
      await signDevToken(devSigningKeyBytes(key), {
        tenantId: BENCH_TENANT,
        roles: ['project-manager'],
        sub: 'bench',
        ttlSeconds: 3600,
      })
    ).token;
    const url = `http://127.0.0.1:${port}/api/v1`;
    const call = async (method: string, path: string, body?: object) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    const project = await until('gateway and planning', async () =>
      call('POST', '/projects', { name: 'Reschedule benchmark', startDate: '2027-01-04' }),
    );
    const projectId = project.id as string;
    const client = new pg.Client({ connectionString: infra.databaseUrl });
    await client.connect();
    const seeded = await seedNetwork(client, {
      tenantId: BENCH_TENANT,
      projectId,
      tasks: Number(args.tasks),
      deps: Number(args.deps),
    });
    log(`seeded ${seeded.taskCount} tasks and ${seeded.dependencyCount} dependencies`);

    const t0 = performance.now();
    const first = await call('PATCH', `/projects/${projectId}/schedule`, { statusDate: null });
    log(
      `first full schedule: ${(performance.now() - t0).toFixed(0)} ms, finish ${String(first.finishDate)}, ${String(first.changedTaskCount)} tasks written`,
    );

    let target = seeded.changeTaskId;
    if (args.pick === 'critical') {
      const rows = (await client.query(
        `SELECT id FROM planning.task WHERE project_id = $1 AND critical AND kind = 'task'
         ORDER BY abs(early_start - (SELECT max(early_finish) / 2 FROM planning.task WHERE project_id = $1)) LIMIT 1`,
        [projectId],
      )) as { rows: { id: string }[] };
      target = rows.rows[0]?.id ?? target;
    }
    await client.end();
    const durations: number[] = [];
    let changed = 0;
    const total = Number(args.warmup) + Number(args.requests);
    for (let i = 0; i < total; i++) {
      const started = performance.now();
      const res = await call('PATCH', `/tasks/${target}`, { duration: i % 2 === 0 ? 6 : 5 });
      const ms = performance.now() - started;
      const schedule = res.schedule as { changedTaskCount: number; criticalTaskCount: number };
      if (i >= Number(args.warmup)) {
        durations.push(ms);
        changed += schedule.changedTaskCount;
      }
    }
    const sorted = [...durations].sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'reschedule',
        tasks: seeded.taskCount,
        dependencies: seeded.dependencyCount,
        requests: durations.length,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted[sorted.length - 1]!),
        pick: args.pick,
        meanChangedTasks: Math.round(changed / durations.length),
        cpus: cpus().length,
      })}\n`,
    );
  } finally {
    for (const service of services.reverse())
      await service.stop().catch((err: unknown) => log(`stop failed: ${String(err)}`));
    await infra.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(String(err instanceof Error ? err.stack : err));
    process.exit(1);
  },
);
