import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  criticalPathLowerBound,
  levelSchedule,
  parsePsplib,
  PRIORITY_RULES,
  serialSchedule,
  type LevelingProblem,
} from './index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/**
 * The independent checker: written from the problem statement only. Every dependency holds
 * (successor starts no earlier than predecessor finish + lag), no task starts before day 0, and on
 * every day every resource's total demand is within its capacity.
 */
function violations(problem: LevelingProblem, starts: ArrayLike<number>, makespan: number): string[] {
  const out: string[] = [];
  const index = new Map(problem.tasks.map((t, i) => [t.id, i]));
  const finish = (i: number): number => starts[i] + problem.tasks[i].duration;
  problem.tasks.forEach((t, i) => {
    if (!Number.isInteger(starts[i]) || starts[i] < 0) out.push(`${t.id} starts on ${starts[i]}`);
  });
  const last = problem.tasks.reduce((m, _, i) => Math.max(m, finish(i)), 0);
  if (last !== makespan) out.push(`makespan ${makespan}, last finish ${last}`);
  for (const d of problem.dependencies) {
    const a = index.get(d.from)!;
    const b = index.get(d.to)!;
    if (starts[b] < finish(a) + (d.lag ?? 0)) out.push(`${d.from} -> ${d.to}`);
  }
  for (let day = 0; day < last; day++) {
    for (const r of problem.resources) {
      let used = 0;
      problem.tasks.forEach((t, i) => {
        if (starts[i] <= day && day < finish(i)) used += t.demands?.[r.id] ?? 0;
      });
      if (used > r.capacity + 1e-9) out.push(`${r.id} day ${day}: ${used} > ${r.capacity}`);
    }
  }
  return out;
}

/** Longest path by brute force over all paths (tiny graphs): an independent critical-path length. */
function longestPath(problem: LevelingProblem): number {
  const memo = new Map<string, number>();
  const dur = new Map(problem.tasks.map((t) => [t.id, t.duration]));
  const tail = (id: string): number => {
    if (memo.has(id)) return memo.get(id)!;
    let best = dur.get(id)!;
    for (const d of problem.dependencies)
      if (d.from === id) best = Math.max(best, dur.get(id)! + (d.lag ?? 0) + tail(d.to));
    memo.set(id, best);
    return best;
  };
  // A lead can never pull a task before day 0: a chain is at least as long as its part from any task.
  const head = new Map<string, number>();
  const earliest = (id: string): number => {
    if (head.has(id)) return head.get(id)!;
    let e = 0;
    for (const d of problem.dependencies)
      if (d.to === id) e = Math.max(e, earliest(d.from) + dur.get(d.from)! + (d.lag ?? 0));
    head.set(id, e);
    return e;
  };
  return problem.tasks.reduce((m, t) => Math.max(m, earliest(t.id) + tail(t.id)), 0);
}

/** Exact optimum of a tiny instance: the best serial-scheme schedule over every activity list (a
 * naive day-by-day scheme written here; some active schedule is optimal, and SSGS generates all). */
function bruteForceOptimum(problem: LevelingProblem): number {
  const n = problem.tasks.length;
  const idx = new Map(problem.tasks.map((t, i) => [t.id, i]));
  const preds = problem.tasks.map(() => [] as [number, number][]);
  for (const d of problem.dependencies) preds[idx.get(d.to)!].push([idx.get(d.from)!, d.lag ?? 0]);
  let best = Number.POSITIVE_INFINITY;
  const list: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const decode = (): number => {
    const start = new Array<number>(n).fill(-1);
    const load = new Map<string, number>();
    let makespan = 0;
    for (const j of list) {
      const t = problem.tasks[j];
      let s = Math.max(0, ...preds[j].map(([i, lag]) => start[i] + problem.tasks[i].duration + lag));
      const fits = (s0: number): boolean =>
        problem.resources.every((r) => {
          for (let day = s0; day < s0 + t.duration; day++) {
            if ((load.get(`${r.id}@${day}`) ?? 0) + (t.demands?.[r.id] ?? 0) > r.capacity) return false;
          }
          return true;
        });
      while (!fits(s)) s++;
      start[j] = s;
      for (const r of problem.resources) {
        for (let day = s; day < s + t.duration; day++) {
          load.set(`${r.id}@${day}`, (load.get(`${r.id}@${day}`) ?? 0) + (t.demands?.[r.id] ?? 0));
        }
      }
      makespan = Math.max(makespan, s + t.duration);
    }
    return makespan;
  };
  const extend = (): void => {
    if (list.length === n) {
      best = Math.min(best, decode());
      return;
    }
    for (let j = 0; j < n; j++) {
      if (used[j] || preds[j].some(([i]) => !used[i])) continue;
      used[j] = true;
      list.push(j);
      extend();
      list.pop();
      used[j] = false;
    }
  };
  extend();
  return best;
}

/** Random instances: tasks T0..T(n-1), dependencies only forward (i < j), so always acyclic. */
const instance = (maxTasks: number, leads: boolean): fc.Arbitrary<LevelingProblem> =>
  fc
    .record({
      n: fc.integer({ min: 1, max: maxTasks }),
      caps: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    })
    .chain(({ n, caps }) =>
      fc.record({
        resources: fc.constant(caps.map((capacity, r) => ({ id: `R${r}`, capacity }))),
        tasks: fc.array(
          fc.record({
            duration: fc.integer({ min: 0, max: 6 }),
            demands: fc.tuple(...caps.map((c) => fc.integer({ min: 0, max: c }))),
          }),
          { minLength: n, maxLength: n },
        ),
        edges: fc.array(
          fc.record({
            a: fc.nat(n - 1),
            b: fc.nat(n - 1),
            lag: leads ? fc.integer({ min: -3, max: 3 }) : fc.constantFrom(0, 0, 0, 1, 2),
          }),
          { maxLength: 2 * n },
        ),
      }),
    )
    .map(({ resources, tasks, edges }) => ({
      resources,
      tasks: tasks.map((t, i) => ({
        id: `T${i}`,
        duration: t.duration,
        demands: Object.fromEntries(t.demands.map((q, r) => [`R${r}`, q])),
      })),
      dependencies: edges
        .filter((e) => e.a !== e.b)
        .map((e) => ({ from: `T${Math.min(e.a, e.b)}`, to: `T${Math.max(e.a, e.b)}`, lag: e.lag })),
    }));

const fixed = { budgetMs: Number.POSITIVE_INFINITY, maxSchedules: 400 };

describe('levelSchedule', () => {
  it('returns a feasible schedule, never shorter than the critical path or the lower bound, for random projects', () => {
    fc.assert(
      fc.property(instance(14, false), fc.nat(), (problem, seed) => {
        const r = levelSchedule(problem, { ...fixed, seed });
        expect(violations(problem, r.starts, r.makespan)).toEqual([]);
        expect(r.tasks.map((t) => t.id)).toEqual(problem.tasks.map((t) => t.id));
        r.tasks.forEach((t, i) =>
          expect([t.start, t.finish]).toEqual([r.starts[i], r.starts[i] + problem.tasks[i].duration]),
        );
        expect(r.criticalPathLength).toBe(longestPath(problem));
        expect(criticalPathLowerBound(problem)).toBe(r.criticalPathLength);
        expect(r.makespan).toBeGreaterThanOrEqual(r.lowerBound);
        expect(r.lowerBound).toBeGreaterThanOrEqual(r.criticalPathLength);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every dependency with leads (negative lags) and lags', () => {
    fc.assert(
      fc.property(instance(12, true), fc.nat(), (problem, seed) => {
        const r = levelSchedule(problem, { ...fixed, seed });
        expect(violations(problem, r.starts, r.makespan)).toEqual([]);
        expect(r.makespan).toBeGreaterThanOrEqual(longestPath(problem));
      }),
      { numRuns: 100 },
    );
  });

  it('finds the exact optimum of tiny projects (checked by enumerating every activity list)', () => {
    fc.assert(
      fc.property(instance(6, false), (problem) => {
        const r = levelSchedule(problem, { budgetMs: Number.POSITIVE_INFINITY, maxSchedules: 3000, seed: 7 });
        expect(r.makespan).toBe(bruteForceOptimum(problem));
      }),
      { numRuns: 60 },
    );
  });

  it('is never worse than any single priority-rule pass, and each pass is feasible', () => {
    fc.assert(
      fc.property(instance(14, false), (problem) => {
        const r = levelSchedule(problem, fixed);
        for (const rule of PRIORITY_RULES) {
          const single = serialSchedule(problem, rule);
          expect(violations(problem, single.starts, single.makespan)).toEqual([]);
          expect(r.makespan).toBeLessThanOrEqual(single.makespan);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same schedule for the same seed and effort', () => {
    const problem = parsePsplib(readFileSync(join(fixtures, 'j309_2.sm'), 'utf8')).problem;
    const a = levelSchedule(problem, { ...fixed, maxSchedules: 2000, seed: 42 });
    const b = levelSchedule(problem, { ...fixed, maxSchedules: 2000, seed: 42 });
    expect(Array.from(a.starts)).toEqual(Array.from(b.starts));
    expect(a.schedulesEvaluated).toBe(b.schedulesEvaluated);
  });

  it('delays the second of two tasks that cannot share a resource, and honours a lag', () => {
    const problem: LevelingProblem = {
      resources: [{ id: 'dev', capacity: 2 }],
      tasks: [
        { id: 'A', duration: 3, demands: { dev: 2 } },
        { id: 'B', duration: 2, demands: { dev: 1 } },
        { id: 'C', duration: 1 },
      ],
      dependencies: [{ from: 'A', to: 'C', lag: 2 }],
    };
    const r = levelSchedule(problem, { budgetMs: 100, seed: 1 });
    expect(r.makespan).toBe(6);
    expect(r.tasks.find((t) => t.id === 'C')).toEqual({ id: 'C', start: 5, finish: 6 });
    expect(criticalPathLowerBound(problem)).toBe(6);
    expect(r.lowerBound).toBe(6);
  });

  it('handles an empty project and zero-duration milestones', () => {
    expect(levelSchedule({ resources: [], tasks: [], dependencies: [] }).makespan).toBe(0);
    const r = levelSchedule({
      resources: [{ id: 'R', capacity: 1 }],
      tasks: [
        { id: 'M', duration: 0, demands: { R: 5 } },
        { id: 'X', duration: 2, demands: { R: 1 } },
      ],
      dependencies: [{ from: 'M', to: 'X' }],
    });
    expect(r.tasks).toEqual([
      { id: 'M', start: 0, finish: 0 },
      { id: 'X', start: 0, finish: 2 },
    ]);
  });

  describe('PSPLIB j30 instances with proven optima (Kolisch & Sprecher; Demeulemeester & Herroelen)', () => {
    const { optima } = JSON.parse(readFileSync(join(fixtures, 'optima.json'), 'utf8')) as {
      optima: Record<string, number>;
    };
    it.each(Object.entries(optima))('%s reaches its optimum %i, feasibly', (name, optimum) => {
      const inst = parsePsplib(readFileSync(join(fixtures, `${name}.sm`), 'utf8'));
      const baseline = serialSchedule(inst.problem, 'LFT');
      const r = levelSchedule(inst.problem, {
        budgetMs: Number.POSITIVE_INFINITY,
        maxSchedules: 20000,
        seed: 1,
      });
      expect(violations(inst.problem, r.starts, r.makespan)).toEqual([]);
      expect(r.criticalPathLength).toBe(inst.mpmTime);
      expect(baseline.makespan).toBeGreaterThan(optimum);
      expect(r.makespan).toBe(optimum);
    });
  });
});
