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
  /** Population size; 0 = the default (50). */
  readonly populationSize: number;
  /** Probability of swapping each adjacent pair of a child's list. */
  readonly mutationRate: number;
  /** Forward–backward rounds per child (each round is two passes). */
  readonly fbiRounds: number;
  /** Restart after this many children without a new best, per task (at least 4 × population). */
  readonly restartPerTask: number;
  /** Tournament size of parent selection. */
  readonly tournament: number;
  /** Probability of the peak crossover (else two-point). */
  readonly peakCrossover: number;
  /** On restart, refill with perturbed copies of the best list (swap rate) instead of fresh samples; 0 = fresh. */
  readonly restartPerturbation: number;
}

export const DEFAULT_TUNING: GeneticTuning = {
  populationSize: 0,
  mutationRate: 0.02,
  fbiRounds: 1,
  restartPerTask: 5,
  tournament: 2,
  peakCrossover: 0.5,
  restartPerturbation: 0,
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
  const P = Math.max(2, tuning.populationSize > 0 ? tuning.populationSize : 50);
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
  let pst = new Int32Array(2 * P * n);
  let nextPst = new Int32Array(2 * P * n);
  let fit = new Int32Array(2 * P);
  let hash = new Uint32Array(2 * P);
  let next = new Int32Array(2 * P * n);
  let nextFit = new Int32Array(2 * P);
  let nextHash = new Uint32Array(2 * P);
  let size = 0;

  const lft = priorityValues(p, windows, 'LFT');
  const seeded = PRIORITY_RULES.map((rule) => listFromPriority(p, priorityValues(p, windows, rule)));
  const noisy = new Float64Array(n);
  const child = new Int32Array(n);
  const fillInitial = (keepBest: number): void => {
    size = keepBest;
    let k = keepBest === 0 ? 0 : seeded.length;
    while (size < P && (size === 0 || !done())) {
      let list: Int32Array;
      if (k < seeded.length) list = seeded[k++].slice();
      else if (keepBest > 0 && tuning.restartPerturbation > 0) {
        child.set(pop.subarray(0, n));
        mutate(tuning.restartPerturbation);
        list = child.slice();
      } else {
        // Regret-like biased sampling: LFT plus noise of a random strength.
        const spread = (windows.cpLength + 1) * rng.next() * rng.next() * 2;
        for (let j = 0; j < n; j++) noisy[j] = lft[j] + rng.next() * spread;
        list = listFromPriority(p, noisy);
      }
      const m = evaluate(list);
      if (!contains(hash, size, hashOut[0])) {
        pop.set(list, size * n);
        pst.set(starts, size * n);
        fit[size] = m;
        hash[size++] = hashOut[0];
      }
    }
  };

  const taken = new Uint32Array(n);
  let stamp = 0;
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
  // Peak crossover (after Valls, Ballestín & Quintanilla 2008): the child keeps, as a block, the
  // mother's tasks that start inside her most resource-intensive time window, and takes the tasks
  // before and after it in the father's order. The mother's schedule respects precedence, so the
  // child's list does too (unless a lead lets a successor start first: then two-point only).
  const rur = new Float64Array(p.horizon + 1);
  const weight = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let q = p.demStart[j]; q < p.demStart[j + 1]; q++) {
      const cap = p.capacity[p.demRes[q]];
      weight[j] += cap > 0 ? p.demAmount[q] / cap : 0;
    }
  }
  const peakCrossover = (mother: number, father: number): void => {
    const M = fit[mother];
    const so = mother * n;
    rur.fill(0, 0, M + 1);
    for (let j = 0; j < n; j++) {
      const w = weight[j];
      if (w === 0) continue;
      for (let t = pst[so + j], end = t + p.duration[j]; t < end; t++) rur[t] += w;
    }
    const L = 1 + rng.int(Math.max(1, M >> 1));
    let sum = 0;
    for (let t = 0; t < L; t++) sum += rur[t];
    let bestSum = sum;
    let t1 = 0;
    for (let t = L; t < M; t++) {
      sum += rur[t] - rur[t - L];
      if (sum > bestSum) {
        bestSum = sum;
        t1 = t - L + 1;
      }
    }
    const t2 = t1 + L;
    const fa = father * n;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const j = pop[fa + i];
      if (pst[so + j] < t1) child[k++] = j;
    }
    for (let i = 0; i < n; i++) {
      const j = pop[so + i];
      const s = pst[so + j];
      if (s >= t1 && s < t2) child[k++] = j;
    }
    for (let i = 0; i < n; i++) {
      const j = pop[fa + i];
      if (pst[so + j] >= t2) child[k++] = j;
    }
  };
  const peakAllowed = !sched.hasLeads;
  const sameAs = (parent: number): boolean => {
    const o = parent * n;
    for (let k = 0; k < n; k++) if (child[k] !== pop[o + k]) return false;
    return true;
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

  fillInitial(0);
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
      if (peakAllowed && rng.next() < tuning.peakCrossover) peakCrossover(mother, father);
      else crossover(mother, father);
      mutate(tuning.mutationRate);
      // A child equal to a parent would only repeat its schedule: perturb it a little more.
      for (let tries = 0; tries < 3 && (sameAs(mother) || sameAs(father)); tries++) mutate(2 / n);
      const m = evaluate(child);
      if (contains(hash, total, hashOut[0])) continue;
      pop.set(child, total * n);
      pst.set(starts, total * n);
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
      nextPst.set(pst.subarray(src * n, src * n + n), i * n);
      nextFit[i] = fit[src];
      nextHash[i] = hash[src];
    }
    [pop, next] = [next, pop];
    [pst, nextPst] = [nextPst, pst];
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
