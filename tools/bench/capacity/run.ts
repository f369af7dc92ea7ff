// Capacity/load benchmark (issue: resources): 5,000 people in 20 departments, 2,000 projects,
// assignments and leave spread over 52 weeks; then a department's 12-week load view through the
// gateway (HTTP → NATS → resources → Postgres). Prints one JSON line.
//
//   npm run bench:capacity [-- --people 5000 --projects 2000 --requests 300 --concurrency 10]
//
// The gateway and the resources service run as built binaries, each its own process (as
// `npm start` and Kubernetes run them), over real NATS and Postgres; the data is seeded with SQL straight into the resources schema, because 30,000
// assignment approvals through the API would measure seeding, not the load view.
import { DemoTenants } from '@baton/contracts';
import { freePort } from '@baton/local-infra';
import { devSigningKeyBytes, newDevSigningKey, signDevToken } from '@baton/platform';
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildAll, ServiceProcess } from '../../e2e/src/support/binaries.js';
import { percentile, round, startBenchInfra } from '../support/infra.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '5000' },
    projects: { type: 'string', default: '2000' },
    departments: { type: 'string', default: '20' },
    'assignments-per-person': { type: 'string', default: '6' },
    requests: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
  },
});
const PEOPLE = Number(args.people);
const PROJECTS = Number(args.projects);
const DEPARTMENTS = Number(args.departments);
const PER_PERSON = Number(args['assignments-per-person']);
const tenant = DemoTenants.demo.id;
const log = (line: string) => process.stderr.write(`[bench:capacity] ${line}\n`);

async function seed(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = Date.now();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO resources.person (id, tenant_id, name, email, department, hours_per_day, working_days)
       SELECT gen_random_uuid(), $1, 'Person ' || i, 'p' || i || '@bench.example', 'dept-' || lpad((i % $3)::text, 2, '0'),
              CASE WHEN i % 10 = 0 THEN 4 ELSE 8 END, '{1,2,3,4,5}'
         FROM generate_series(1, $2) i`,
      [tenant, PEOPLE, DEPARTMENTS],
    );
    // projects live in planning; here they are only ids the assignments point at
    await client.query(
      `CREATE TEMP TABLE bench_project AS SELECT row_number() OVER () AS n, gen_random_uuid() AS id FROM generate_series(1, $1)`,
      [PROJECTS],
    );
    // random() in the select list is drawn per row (an uncorrelated LATERAL would be drawn once)
    await client.query(
      `WITH w AS (
         SELECT p.id AS person_id, (SELECT array_agg(id) FROM bench_project) AS projects,
                DATE '2027-01-04' + floor(random() * 330)::int AS start, 7 * (1 + floor(random() * 12)::int) AS days
           FROM resources.person p CROSS JOIN generate_series(1, $2) k WHERE p.tenant_id = $1)
       INSERT INTO resources.assignment (id, tenant_id, person_id, project_id, start_date, end_date, units, status, requested_by)
       SELECT gen_random_uuid(), $1, person_id, projects[1 + floor(random() * $3)::int], start, start + days - 1,
              (20 + random() * 60)::int, 'approved', 'bench'
         FROM w`,
      [tenant, PER_PERSON, PROJECTS],
    );
    await client.query(
      `INSERT INTO resources.leave (id, tenant_id, person_id, start_date, end_date, kind)
       SELECT gen_random_uuid(), $1, p.id, s.start, s.start + 4, 'vacation'
         FROM resources.person p CROSS JOIN generate_series(0, 1) k
         CROSS JOIN LATERAL (SELECT DATE '2027-01-04' + 180 * k + floor(random() * 170)::int + 0 * length(p.name) AS start) s
        WHERE p.tenant_id = $1`,
      [tenant],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE resources.person, resources.assignment, resources.leave');
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM resources.person)::int AS people, (SELECT count(*) FROM resources.assignment)::int AS assignments,
              (SELECT count(*) FROM resources.leave)::int AS leave`,
    );
    log(`seeded ${JSON.stringify(counts.rows[0])} in ${Date.now() - started} ms`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await buildAll();
  const infra = await startBenchInfra(log);
  const key = newDevSigningKey();
  const port = await freePort();
  const migrate = new ServiceProcess('resources', infra.env(), ['migrate']).start();
  if ((await migrate.exited()) !== 0)
    throw new Error(`resources migrate failed: ${migrate.stderr.join('\n')}`);
  const resources = new ServiceProcess('resources', infra.env()).start();
  const gateway = new ServiceProcess(
    'gateway',
    infra.env({
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_DEV_MODE: 'true',
      AUTH_DEV_SIGNING_KEY: key,
      RATE_LIMIT_ENABLED: 'false',
    }),
  ).start();
  try {
    await seed(infra.databaseUrl);
    const base = `http://127.0.0.1:${port}`;
    const { token } = await signDevToken(devSigningKeyBytes(key), {
      tenantId: tenant,
      roles: ['viewer'],
      sub: 'bench',
      ttlSeconds: 3600,
    });
    const headers = { authorization: `Bearer ${token}` };
    const url = (dept: number, weeks = 12) =>
      `${base}/api/v1/capacity/load?scope=department&department=dept-${String(dept).padStart(2, '0')}&from=2027-03-01&periods=${weeks}`;

    const probe = await waitForOk(() => fetch(url(0), { headers })).catch((err: unknown) => {
      log(`resources: ${resources.stderr.concat(resources.stdout).slice(-10).join('\n')}`);
      log(`gateway: ${gateway.stderr.concat(gateway.stdout).slice(-10).join('\n')}`);
      throw err;
    });
    const body = (await probe.json()) as { people: Array<{ periods: Array<{ overAllocated: boolean }> }> };
    const overAllocatedCells = body.people.reduce(
      (n, p) => n + p.periods.filter((w) => w.overAllocated).length,
      0,
    );
    log(
      `department view: ${body.people.length} people × 12 weeks, ${overAllocatedCells} over-allocated person-weeks`,
    );

    for (let i = 0; i < 30; i++) await (await fetch(url(i % DEPARTMENTS), { headers })).arrayBuffer(); // warm-up
    const latencies: number[] = [];
    for (let i = 0; i < Number(args.requests); i++) {
      const t = performance.now();
      const res = await fetch(url(i % DEPARTMENTS), { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);

    const loaded = await autocannon({
      url: url(3),
      headers,
      connections: Number(args.concurrency),
      duration: Number(args.seconds),
    });
    if (loaded.non2xx > 0 || loaded.errors > 0)
      throw new Error(`load run had ${loaded.non2xx} non-2xx and ${loaded.errors} errors`);

    console.log(
      JSON.stringify({
        bench: 'capacity-load-view',
        people: PEOPLE,
        projects: PROJECTS,
        departments: DEPARTMENTS,
        peoplePerView: body.people.length,
        weeks: 12,
        sequential: {
          requests: latencies.length,
          p50Ms: round(percentile(latencies, 50)),
          p95Ms: round(percentile(latencies, 95)),
          p99Ms: round(percentile(latencies, 99)),
          maxMs: round(latencies[latencies.length - 1]!),
        },
        concurrent: {
          connections: Number(args.concurrency),
          requestsPerSecond: round(loaded.requests.average),
          p50Ms: loaded.latency.p50,
          p99Ms: loaded.latency.p99,
        },
        targetP95Ms: 500,
        node: process.version,
      }),
    );
  } finally {
    await gateway.stop();
    await resources.stop();
    await infra.dispose();
  }
}

/** the first 200 within 30 s (the processes are still starting) */
async function waitForOk(call: () => Promise<Response>): Promise<Response> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await call();
      if (res.status === 200) return res;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the load view never answered 200: ${last}`);
}

await main();
