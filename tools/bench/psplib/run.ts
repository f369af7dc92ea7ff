/**
 * PSPLIB quality benchmark of resource leveling: `npm run bench:psplib -- [--sets j30,j60,j120]
 * [--budget-ms 1000] [--limit N] [--workers N] [--seed S] [--data DIR]`.
 *
 * Levels every instance (or N of each set, taken with a fixed stride across the set) within the
 * budget, checks every schedule with an independent checker, and compares the makespan with the
 * proven optimum (j30), the best-known makespan (j60, j120) and the critical-path lower bound
 * (`MPM-Time`). Progress goes to stderr; the result is ONE JSON line on stdout.
 * Data: ../shared/data/psplib (or --data, or PSPLIB_DIR); see its README for source and citation.
 */
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { levelSchedule, parsePsplib, type GeneticTuning } from '@baton/scheduling';
import { checkSchedule } from './check.js';
import { instanceKey, parseSolutions } from './solutions.js';

const REFERENCE: Record<string, { file: string; kind: 'optimum' | 'best-known' }> = {
  j30: { file: 'j30opt.sm', kind: 'optimum' },
  j60: { file: 'j60hrs.sm', kind: 'best-known' },
  j120: { file: 'j120hrs.sm', kind: 'best-known' },
};

interface Job {
  readonly set: string;
  readonly path: string;
  readonly reference: number;
  readonly budgetMs: number;
  readonly seed: number;
  readonly maxSchedules?: number;
  readonly tuning?: Partial<GeneticTuning>;
}

interface Outcome {
  readonly set: string;
  readonly makespan: number;
  readonly reference: number;
  readonly cpBound: number;
  readonly cpMatchesFile: boolean;
  readonly schedules: number;
  readonly ms: number;
  readonly violation: string | null;
}

function solve(job: Job): Outcome {
  const instance = parsePsplib(readFileSync(job.path, 'utf8'));
  const t0 = performance.now();
  const r = levelSchedule(instance.problem, {
    budgetMs: job.budgetMs,
    seed: job.seed,
    maxSchedules: job.maxSchedules,
    tuning: job.tuning,
  });
  const ms = performance.now() - t0;
  return {
    set: job.set,
    makespan: r.makespan,
    reference: job.reference,
    cpBound: instance.mpmTime,
    cpMatchesFile: r.criticalPathLength === instance.mpmTime,
    schedules: r.schedulesEvaluated,
    ms,
    violation: checkSchedule(instance.problem, r.starts, r.makespan),
  };
}

function jobsFor(dir: string, set: string, limit: number, budgetMs: number, seed: number): Job[] {
  const setDir = join(dir, set);
  const refPath = join(dir, 'solutions', REFERENCE[set].file);
  if (!existsSync(setDir) || !existsSync(refPath)) {
    throw new Error(
      `PSPLIB set ${set} not found: expected ${setDir}/*.sm and ${refPath} (use --data DIR or PSPLIB_DIR)`,
    );
  }
  const refs = parseSolutions(readFileSync(refPath, 'latin1'));
  const numeric = (f: string): number[] => instanceKey(set, f).split('_').map(Number);
  const files = readdirSync(setDir)
    .filter((f) => f.endsWith('.sm'))
    .sort((a, b) => numeric(a)[0] - numeric(b)[0] || numeric(a)[1] - numeric(b)[1]);
  const count = Math.min(limit, files.length);
  const picked = Array.from({ length: count }, (_, i) => files[Math.floor((i * files.length) / count)]);
  return picked.map((f) => {
    const reference = refs.get(instanceKey(set, f));
    if (reference === undefined) throw new Error(`${set}: no reference makespan for ${f} in ${refPath}`);
    return { set, path: join(setDir, f), reference, budgetMs, seed };
  });
}

async function runAll(jobs: Job[], workers: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const progress = (o: Outcome): void => {
    outcomes.push(o);
    if (outcomes.length % 20 === 0 || outcomes.length === jobs.length) {
      process.stderr.write(`psplib: ${outcomes.length}/${jobs.length}\n`);
    }
  };
  if (workers <= 1) {
    for (const job of jobs) progress(solve(job));
    return outcomes;
  }
  let next = 0;
  const self = fileURLToPath(import.meta.url);
  await Promise.all(
    Array.from({ length: workers }, () => {
      const child = fork(self, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise<void>((done, fail) => {
        const feed = (): void => {
          if (next < jobs.length) child.send(jobs[next++]);
          else child.disconnect();
        };
        child.on('message', (o: Outcome) => {
          progress(o);
          feed();
        });
        child.on('error', fail);
        child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker exited with ${code}`))));
        feed();
      });
    }),
  );
  return outcomes;
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function summarise(set: string, outs: Outcome[]): Record<string, unknown> {
  const devRef = outs.map((o) => (100 * (o.makespan - o.reference)) / o.reference);
  const devCp = outs.map((o) => (100 * (o.makespan - o.cpBound)) / o.cpBound);
  const ms = outs.map((o) => o.ms);
  const schedules = outs.reduce((a, o) => a + o.schedules, 0);
  const seconds = ms.reduce((a, b) => a + b, 0) / 1000;
  const bad = outs.filter((o) => o.violation !== null);
  return {
    instances: outs.length,
    reference: REFERENCE[set].kind,
    avgDeviationFromReferencePct: round(mean(devRef), 3),
    maxDeviationFromReferencePct: round(Math.max(...devRef), 3),
    reachedReference: outs.filter((o) => o.makespan <= o.reference).length,
    belowReference: outs.filter((o) => o.makespan < o.reference).length,
    avgDeviationFromCpBoundPct: round(mean(devCp), 3),
    maxDeviationFromCpBoundPct: round(Math.max(...devCp), 3),
    feasible: outs.length - bad.length,
    infeasible: bad.map((o) => o.violation),
    cpBoundMatchesMpmTime: outs.filter((o) => o.cpMatchesFile).length,
    avgMsPerInstance: round(mean(ms), 1),
    maxMsPerInstance: round(Math.max(...ms), 1),
    schedulesPerSecond: Math.round(schedules / Math.max(seconds, 1e-9)),
    avgSchedulesPerInstance: Math.round(schedules / Math.max(1, outs.length)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sets: { type: 'string', default: 'j30,j60,j120' },
      'budget-ms': { type: 'string', default: '1000' },
      limit: { type: 'string' },
      workers: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      data: { type: 'string' },
      'max-schedules': { type: 'string' },
      tuning: { type: 'string' },
    },
  });
  const dir = resolve(values.data ?? process.env.PSPLIB_DIR ?? '../shared/data/psplib');
  if (!existsSync(dir)) {
    process.stderr.write(
      `bench:psplib: PSPLIB data not found at ${dir}; pass --data DIR or set PSPLIB_DIR\n`,
    );
    process.exit(2);
  }
  const budgetMs = Number(values['budget-ms']);
  const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
  const workers = Math.min(Number(values.workers), cpus().length);
  const seed = Number(values.seed);
  const sets = values.sets.split(',').filter(Boolean);
  for (const [name, v] of [
    ['--budget-ms', budgetMs],
    ['--limit', limit],
    ['--workers', workers],
    ['--seed', seed],
  ] as const) {
    if (!(v >= 0) || Number.isNaN(v)) throw new Error(`bench:psplib: ${name} must be a number ≥ 0`);
  }
  const unknown = sets.filter((s) => !(s in REFERENCE));
  if (unknown.length > 0)
    throw new Error(`bench:psplib: unknown set(s) ${unknown.join(', ')} (known: j30, j60, j120)`);
  const maxSchedules = values['max-schedules'] === undefined ? undefined : Number(values['max-schedules']);
  const tuning =
    values.tuning === undefined ? undefined : (JSON.parse(values.tuning) as Partial<GeneticTuning>);
  const jobs = sets
    .flatMap((s) => jobsFor(dir, s, limit, budgetMs, seed))
    .map((job) => ({ ...job, maxSchedules, tuning }));
  const t0 = performance.now();
  const outcomes = await runAll(jobs, workers);
  const wallMs = performance.now() - t0;
  const summary: Record<string, unknown> = {};
  for (const s of sets)
    summary[s] = summarise(
      s,
      outcomes.filter((o) => o.set === s),
    );
  const allFeasible = outcomes.every((o) => o.violation === null);
  process.stdout.write(
    JSON.stringify({
      bench: 'psplib',
      budgetMs,
      maxSchedules: maxSchedules ?? null,
      tuning: tuning ?? null,
      workers,
      seed,
      limit: values.limit ?? null,
      wallMs: Math.round(wallMs),
      allFeasible,
      sets: summary,
    }) + '\n',
  );
  if (!allFeasible) process.exitCode = 1;
}

if (process.argv.includes('--worker')) {
  process.on('message', (job: Job) => process.send!(solve(job)));
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
