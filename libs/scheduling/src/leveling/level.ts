/**
 * Resource leveling, the public entry points: validate and compile a problem, then search for the
 * shortest schedule that respects every finish-to-start dependency and, on every day, every
 * resource's capacity. Pure: the only outside input is the clock used for the time budget, which
 * the caller may replace (`now`).
 */
import { DEFAULT_TUNING, geneticSearch, type GeneticTuning } from './genetic.js';
import { listFromPriority, lowerBound, priorityValues, timeWindows, type PriorityRule } from './priority.js';
import { compileProblem, LevelingError, type CompiledProblem, type LevelingProblem } from './problem.js';
import { SerialScheduler } from './ssgs.js';

export interface LevelingOptions {
  /** Time budget of the search in milliseconds (default 1,000). `Infinity` with `maxSchedules` for a fixed effort. */
  readonly budgetMs?: number;
  /** Upper bound on the serial-scheme passes (default unbounded). With an infinite budget, the result depends only on the seed. */
  readonly maxSchedules?: number;
  /** Seed of the search's random numbers (default 1). */
  readonly seed?: number;
  /** Knobs of the genetic algorithm, for benchmarking (defaults: {@link DEFAULT_TUNING}). */
  readonly tuning?: Partial<GeneticTuning>;
  /** Clock in milliseconds for the budget (default `performance.now`). */
  readonly now?: () => number;
}

export interface ScheduledTask {
  readonly id: string;
  /** First working day (offset from day 0). */
  readonly start: number;
  /** Day after the last working day: `start + duration`. */
  readonly finish: number;
}

export interface LevelingResult {
  /** The finish of the last task. */
  readonly makespan: number;
  /** Start of every task, in the order of `problem.tasks`. */
  readonly starts: Int32Array;
  /** The same schedule in readable form, in the order of `problem.tasks`. */
  readonly tasks: ScheduledTask[];
  /** Serial-scheme passes run (each forward or backward decoding counts one). */
  readonly schedulesEvaluated: number;
  /** Critical-path length (resources ignored): no schedule is shorter. */
  readonly criticalPathLength: number;
  /** The larger of the critical-path and the resource-work bound; `makespan === lowerBound` proves the schedule optimal. */
  readonly lowerBound: number;
}

/**
 * Levels a project: the best schedule found within the budget by an activity-list genetic algorithm
 * over the serial schedule generation scheme with forward–backward improvement, seeded with the
 * classic priority rules. Throws {@link LevelingError} for a problem without a schedule.
 */
export function levelSchedule(problem: LevelingProblem, options: LevelingOptions = {}): LevelingResult {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const budgetMs = options.budgetMs ?? 1000;
  const maxSchedules = options.maxSchedules ?? Number.POSITIVE_INFINITY;
  if (!(budgetMs >= 0))
    throw new LevelingError('INVALID_VALUE', 'budgetMs', 'budgetMs: must be a number ≥ 0');
  if (!(maxSchedules >= 1))
    throw new LevelingError('INVALID_VALUE', 'maxSchedules', 'maxSchedules: must be ≥ 1');
  if (!Number.isFinite(budgetMs) && !Number.isFinite(maxSchedules)) {
    throw new LevelingError(
      'INVALID_VALUE',
      'budgetMs',
      'budgetMs: an infinite budget needs a finite maxSchedules',
    );
  }
  const p = compileProblem(problem);
  const windows = timeWindows(p);
  const lb = lowerBound(p, windows);
  const sched = new SerialScheduler(p);
  if (p.n === 0) return result(problem, p, new Int32Array(0), 0, 0, windows.cpLength, lb);
  const found = geneticSearch(p, sched, windows, {
    budgetMs,
    maxSchedules,
    seed: options.seed ?? 1,
    now,
    start,
    lowerBound: lb,
    tuning: { ...DEFAULT_TUNING, ...options.tuning },
  });
  return result(problem, p, found.starts, found.makespan, sched.schedules, windows.cpLength, lb);
}

/** One pass of the serial scheme with a priority rule (no search): the classic baseline. */
export function serialSchedule(problem: LevelingProblem, rule: PriorityRule = 'LFT'): LevelingResult {
  const p = compileProblem(problem);
  const windows = timeWindows(p);
  const sched = new SerialScheduler(p);
  const starts = new Int32Array(p.n);
  const makespan =
    p.n === 0 ? 0 : sched.run(listFromPriority(p, priorityValues(p, windows, rule)), p.forward, starts);
  return result(problem, p, starts, makespan, sched.schedules, windows.cpLength, lowerBound(p, windows));
}

/** The critical-path length of the problem's network (resources ignored); validates like {@link levelSchedule}. */
export function criticalPathLowerBound(problem: LevelingProblem): number {
  return timeWindows(compileProblem(problem)).cpLength;
}

function result(
  problem: LevelingProblem,
  p: CompiledProblem,
  internalStarts: Int32Array,
  makespan: number,
  schedulesEvaluated: number,
  criticalPathLength: number,
  lb: number,
): LevelingResult {
  const starts = new Int32Array(p.n);
  for (let j = 0; j < p.n; j++) starts[p.toExternal[j]] = internalStarts[j];
  const tasks = problem.tasks.map((t, i) => ({ id: t.id, start: starts[i], finish: starts[i] + t.duration }));
  return { makespan, starts, tasks, schedulesEvaluated, criticalPathLength, lowerBound: lb };
}
