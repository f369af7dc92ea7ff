/**
 * The metaheuristic: an activity-list genetic algorithm in the style of Hartmann (1998) with
 * two-point crossover, adjacent-swap mutation and ranking selection, where every child is decoded by
 * the serial scheme and improved by forward–backward justification (Valls, Ballestín & Quintanilla
 * 2005), and keeps the justified list (Lamarckian). Duplicated schedules are kept out of the
 * population, and a population that stops improving restarts around the best schedule.
 */
import { listFromPriority, PRIORITY_RULES, priorityValues, type TimeWindows } from './priority.js';
import type { CompiledProblem } from './problem.js';
import { Random } from './random.js';
import type { SerialScheduler } from './ssgs.js';

export interface SearchLimits {
  /** Stop once this many milliseconds have passed since `start` (per `now`). */
  readonly budgetMs: number;
  /** Stop once this many serial-scheme passes have run. */
  readonly maxSchedules: number;
  readonly seed: number;
  readonly now: () => number;
  readonly start: number;
  /** Stop as soon as this makespan is reached (a lower bound: nothing shorter exists). */
  readonly lowerBound: number;
  readonly tuning: GeneticTuning;
}

/** Knobs of the genetic algorithm (defaults in {@link DEFAULT_TUNING}); exposed for benchmarking. */
export interface GeneticTuning {
  /** Population size; 0 = by problem size (60 up to 60 tasks, else 100). */
  readonly populationSize: number;
  /** Probability of swapping each adjacent pair of a child's list. */
  readonly mutationRate: number;
  /** Forward–backward rounds per child (each round is two passes). */
  readonly fbiRounds: number;
  /** Restart after this many children without a new best, per task (at least 4 × population). */
  readonly restartPerTask: number;
  /** Tournament size of parent selection. */
  readonly tournament: number;
}

export const DEFAULT_TUNING: GeneticTuning = {
  populationSize: 0,
  mutationRate: 0.05,
  fbiRounds: 4,
  restartPerTask: 20,
  tournament: 2,
};

export interface SearchResult {
  readonly starts: Int32Array;
  readonly makespan: number;
}

export function geneticSearch(
  p: CompiledProblem,
  sched: SerialScheduler,
  windows: TimeWindows,
  limits: SearchLimits,
): SearchResult {
  const n = p.n;
  const rng = new Random(limits.seed);
  const tuning = limits.tuning;
  const P = Math.max(2, tuning.populationSize > 0 ? tuning.populationSize : n <= 60 ? 60 : 100);
  const starts = new Int32Array(n);
  const bestStarts = new Int32Array(n);
  let best = Number.POSITIVE_INFINITY;
  let sinceImproved = 0;

  const done = (): boolean =>
    best <= limits.lowerBound ||
    sched.schedules >= limits.maxSchedules ||
    limits.now() - limits.start >= limits.budgetMs;

  /** Decodes and justifies `list` in place; returns the makespan and the schedule's hash. */
  const hashOut = new Uint32Array(1);
  const evaluate = (list: Int32Array): number => {
    const m = sched.improve(list, starts, tuning.fbiRounds);
    if (m < best) {
      best = m;
      bestStarts.set(starts);
      sinceImproved = 0;
    } else sinceImproved++;
    let h = 2166136261;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ starts[j], 16777619);
    hashOut[0] = h;
    return m;
  };

  // Population: lists (P × n), makespans, hashes; children the same.
  let pop = new Int32Array(2 * P * n);
  let fit = new Int32Array(2 * P);
  let hash = new Uint32Array(2 * P);
  let next = new Int32Array(2 * P * n);
  let nextFit = new Int32Array(2 * P);
  let nextHash = new Uint32Array(2 * P);
  let size = 0;

  const lft = priorityValues(p, windows, 'LFT');
  const seeded = PRIORITY_RULES.map((rule) => listFromPriority(p, priorityValues(p, windows, rule)));
  const noisy = new Float64Array(n);
  const fillInitial = (keepBest: number): void => {
    size = keepBest;
    let k = keepBest === 0 ? 0 : seeded.length;
    while (size < P && (size === 0 || !done())) {
      let list: Int32Array;
      if (k < seeded.length) list = seeded[k++].slice();
      else {
        // Regret-like biased sampling: LFT plus noise of a random strength.
        const spread = (windows.cpLength + 1) * rng.next() * rng.next() * 2;
        for (let j = 0; j < n; j++) noisy[j] = lft[j] + rng.next() * spread;
        list = listFromPriority(p, noisy);
      }
      const m = evaluate(list);
      if (!contains(hash, size, hashOut[0])) {
        pop.set(list, size * n);
        fit[size] = m;
        hash[size++] = hashOut[0];
      }
    }
  };
  fillInitial(0);

  const taken = new Uint32Array(n);
  let stamp = 0;
  const child = new Int32Array(n);
  const crossover = (mother: number, father: number): void => {
    stamp++;
    const q1 = rng.int(n + 1);
    const q2 = q1 + rng.int(n + 1 - q1);
    const mo = mother * n;
    const fa = father * n;
    let k = 0;
    for (; k < q1; k++) taken[(child[k] = pop[mo + k])] = stamp;
    for (let i = 0; k < q2; i++) {
      const j = pop[fa + i];
      if (taken[j] !== stamp) taken[(child[k++] = j)] = stamp;
    }
    for (let i = 0; k < n; i++) {
      const j = pop[mo + i];
      if (taken[j] !== stamp) taken[(child[k++] = j)] = stamp;
    }
  };
  const { predStart, preds } = p.forward;
  const mutate = (rate: number): void => {
    for (let k = 0; k + 1 < n; k++) {
      if (rng.next() >= rate) continue;
      const a = child[k];
      const b = child[k + 1];
      let related = false;
      for (let e = predStart[b]; e < predStart[b + 1]; e++) if (preds[e] === a) related = true;
      if (!related) {
        child[k] = b;
        child[k + 1] = a;
      }
    }
  };
  const pick = (): number => {
    // Tournament on makespan.
    let a = rng.int(size);
    for (let i = 1; i < tuning.tournament; i++) {
      const b = rng.int(size);
      if (fit[b] < fit[a]) a = b;
    }
    return a;
  };

  const order = new Int32Array(2 * P);
  const restartAfter = Math.max(4 * P, tuning.restartPerTask * n);
  while (!done()) {
    // Children, appended after the parents.
    let total = size;
    const children = Math.max(2, size);
    for (let c = 0; c < children && !done(); c++) {
      const mother = pick();
      let father = pick();
      if (size > 1) while (father === mother) father = rng.int(size);
      crossover(mother, father);
      mutate(tuning.mutationRate);
      const m = evaluate(child);
      if (contains(hash, total, hashOut[0])) continue;
      pop.set(child, total * n);
      fit[total] = m;
      hash[total++] = hashOut[0];
    }
    // Survivors: the best `P` of parents and children, children first among equals.
    for (let i = 0; i < total; i++) order[i] = i;
    const sorted = Array.from(order.subarray(0, total)).sort((a, b) => fit[a] - fit[b] || b - a);
    const keep = Math.min(P, total);
    for (let i = 0; i < keep; i++) {
      const src = sorted[i];
      next.set(pop.subarray(src * n, src * n + n), i * n);
      nextFit[i] = fit[src];
      nextHash[i] = hash[src];
    }
    [pop, next] = [next, pop];
    [fit, nextFit] = [nextFit, fit];
    [hash, nextHash] = [nextHash, hash];
    size = keep;
    if (sinceImproved > restartAfter) {
      // Stagnation: keep the best few, refill with fresh biased samples.
      sinceImproved = 0;
      fillInitial(Math.max(1, Math.floor(P / 10)));
    }
  }
  return { starts: bestStarts, makespan: best };
}

function contains(hashes: Uint32Array, size: number, h: number): boolean {
  for (let i = 0; i < size; i++) if (hashes[i] === h) return true;
  return false;
}
