import { NetworkValidationError } from './errors.js';
import type { DependencyType } from './types.js';

/**
 * Dependency types as small integers for typed arrays. Bit 0 says the relation reads the
 * predecessor's finish (else its start), bit 1 that it constrains the successor's finish (else its
 * start): SS = 0, FS = 1, SF = 2, FF = 3.
 */
export const DEPENDENCY_CODE: Readonly<Record<DependencyType, number>> = { SS: 0, FS: 1, SF: 2, FF: 3 };

/** Bits of `CompiledNetwork.flags`. */
export const TASK_FLAG = {
  /** The early start is `fixedStart` whatever the predecessors say (MSO, actual start). */
  earlyFixed: 1,
  /** The late start is `fixedStart` too (MSO, finished work). */
  lateFixed: 2,
  /** Finished work: its predecessors' dates ignore it, it is never critical. */
  finished: 4,
} as const;

/**
 * Every day the engine handles stays within ±2^29 (about 1.5 million years), so that sums of
 * two of them fit in 32 bits; `NO_BOUND` stands for "no finish cap" and −`NO_BOUND` is the
 * weight of a dependency that constrains nothing.
 */
export const MAX_SPAN = 2 ** 29;
export const NO_BOUND = 2 ** 30;

/**
 * A network already resolved to task indices 0..n−1 and typed arrays: the engine's own input,
 * which `compileNetwork` builds from `NetworkInput` and which a caller with its own indices (a
 * benchmark, a service holding arrays) may build directly. Optional per-task arrays default to
 * "no bound". Durations are the durations to schedule (remaining work already folded in). All
 * values are integers.
 */
export interface NetworkArrays {
  /** Task ids by index, used to name tasks in errors and results; indices are used when absent. */
  ids?: readonly string[];
  duration: ArrayLike<number>;
  /** Dependency k links task `from[k]` to task `to[k]` with `DEPENDENCY_CODE` `type[k]` and `lag[k]`. */
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  type: ArrayLike<number>;
  lag: ArrayLike<number>;
  /** Earliest early start (SNET day, status day); never below 0. Default 0. */
  minStart?: ArrayLike<number>;
  /** Early start fixed whatever the predecessors say (MSO day, actual start); NaN = not fixed. */
  fixedStart?: ArrayLike<number>;
  /** 1 = the late start is fixed at `fixedStart` as well (MSO, finished work). */
  lateFixed?: ArrayLike<number>;
  /** 1 = finished work: its predecessors' dates ignore it, it is never critical. */
  finished?: ArrayLike<number>;
  /** Latest late finish (FNLT day, deadline); Infinity = none. Also decides `late`. */
  maxFinish?: ArrayLike<number>;
  /** Late dates come backward from this day instead of the project finish. NaN/undefined = none. */
  projectDeadline?: number;
}

/**
 * A validated network in compressed sparse row form: the successors of task i are
 * `successor[successorStart[i] .. successorStart[i+1])`, in input order. Each dependency is
 * stored as one weight on start times — `start(to) ≥ start(from) + weight` — since, with fixed
 * durations, every relation type reduces to that: weight = lag + (reads finish ? duration(from) :
 * 0) − (constrains finish ? duration(to) : 0). Build one with `buildNetwork` or `compileNetwork`;
 * schedule it with `computeSchedule` as often as you like (it is never modified).
 */
export interface CompiledNetwork {
  readonly taskCount: number;
  readonly dependencyCount: number;
  readonly ids: readonly string[] | undefined;
  readonly duration: Int32Array;
  readonly minStart: Int32Array;
  /** Meaningful where `flags` has `earlyFixed`. */
  readonly fixedStart: Int32Array;
  /** `TASK_FLAG` bits per task. */
  readonly flags: Uint8Array;
  /** `NO_BOUND` where the task has no FNLT or deadline. */
  readonly maxFinish: Int32Array;
  /** `NO_BOUND` when the project has no deadline. */
  readonly projectDeadline: number;
  readonly successorStart: Int32Array;
  readonly successor: Int32Array;
  /**
   * −`NO_BOUND` for a dependency into finished work, which constrains nothing. An `Int16Array` when
   * every weight fits in 16 bits and no task is finished (see `NARROW_WEIGHTS`), else an `Int32Array`.
   */
  readonly weight: Int16Array | Int32Array;
  readonly inDegree: Int32Array;
}

/** The name of task `index` in messages: its id, or `#index` when the network has no ids. */
export function taskName(network: { readonly ids?: readonly string[] }, index: number): string {
  return network.ids ? network.ids[index] : `#${index}`;
}

/**
 * A day in range, or `fallback` when `value` says "none" (NaN / ±Infinity / undefined). Throws
 * naming `tasks[task].field`, or `field` alone when no task is given.
 */
function day(value: number | undefined, fallback: number, field: string, task?: number): number {
  if (value === undefined || Number.isNaN(value) || value === Infinity) return fallback;
  if (!Number.isInteger(value) || Math.abs(value) >= MAX_SPAN) {
    const path = task === undefined ? field : `tasks[${task}].${field}`;
    throw new NetworkValidationError(path, `must be an integer day within ±2^29, got ${value}`);
  }
  return value;
}

function invalidDuration(task: number, value: number): NetworkValidationError {
  return new NetworkValidationError(`tasks[${task}].duration`, `must be an integer ≥ 0, got ${value}`);
}

/** The per-task arrays of a compiled network, and the largest day any of them mentions. */
function compileTasks(arrays: NetworkArrays, n: number) {
  const duration = new Int32Array(n);
  const minStart = new Int32Array(n);
  const fixedStart = new Int32Array(n);
  const maxFinish = new Int32Array(n).fill(NO_BOUND);
  const flags = new Uint8Array(n);
  let totalDuration = 0;
  let durationBits = 0;
  let largestDay = 0;
  const source = arrays.duration;
  for (let i = 0; i < n; i++) {
    const d = source[i];
    if (!(d >>> 0 === d && d < MAX_SPAN)) throw invalidDuration(i, d);
    duration[i] = d;
    totalDuration += d;
    durationBits |= d;
  }
  // The optional bounds, one array at a time (absent arrays cost nothing).
  const { minStart: min, fixedStart: fixed, maxFinish: cap, lateFixed, finished } = arrays;
  for (let i = 0; min && i < n; i++) {
    minStart[i] = Math.max(0, day(min[i], 0, 'minStart', i));
    largestDay = Math.max(largestDay, minStart[i]);
  }
  for (let i = 0; fixed && i < n; i++) {
    const f = day(fixed[i], NaN, 'fixedStart', i);
    if (f !== f) continue;
    fixedStart[i] = f;
    flags[i] |= TASK_FLAG.earlyFixed | (lateFixed?.[i] ? TASK_FLAG.lateFixed : 0);
    largestDay = Math.max(largestDay, Math.abs(f));
  }
  for (let i = 0; cap && i < n; i++) {
    maxFinish[i] = day(cap[i], NO_BOUND, 'maxFinish', i);
    if (maxFinish[i] !== NO_BOUND) largestDay = Math.max(largestDay, Math.abs(maxFinish[i]));
  }
  let anyFinished = false;
  for (let i = 0; finished && i < n; i++) {
    if (finished[i]) {
      flags[i] |= TASK_FLAG.finished;
      anyFinished = true;
    }
  }
  return {
    duration,
    minStart,
    fixedStart,
    maxFinish,
    flags,
    totalDuration,
    durationBits,
    largestDay,
    anyFinished,
  };
}

/**
 * A dependency's weight on start times: lag + (reads finish ? duration(from) : 0) − (constrains
 * finish ? duration(to) : 0). Branch-free (types are mixed at random, so a branch per type bit
 * mispredicts): −(bit) is all ones or zero, masking a duration in or out; `lag | 0` keeps the sum
 * in int32.
 */
const startWeight = (type: number, lag: number, fromDuration: number, toDuration: number): number =>
  (lag | 0) + (-(type & 1) & fromDuration) - (-(type >> 1) & toDuration);

/** The first dependency with something wrong, found again with every test (a rare, slow path). */
function firstInvalidDependency(arrays: NetworkArrays, n: number): number {
  const { from, to, type, lag } = arrays;
  const isIndex = (x: number) => Number.isInteger(x) && x >= 0 && x < n;
  for (let k = 0; k < from.length; k++) {
    const [i, j, t, l] = [from[k], to[k], type[k], lag[k]];
    if (!isIndex(i) || !isIndex(j) || i === j || !(t === 0 || t === 1 || t === 2 || t === 3) || (l | 0) !== l)
      return k;
  }
  throw new Error('firstInvalidDependency: every dependency is valid');
}

/** What is wrong with dependency k, which failed a hot-path test. */
function dependencyError(arrays: NetworkArrays, k: number, n: number): NetworkValidationError {
  const at = `dependencies[${k}]`;
  const [i, j, t, l] = [arrays.from[k], arrays.to[k], arrays.type[k], arrays.lag[k]];
  const isIndex = (x: number) => Number.isInteger(x) && x >= 0 && x < n;
  if (!isIndex(i)) return new NetworkValidationError(`${at}.from`, `no task at index ${i}`);
  if (!isIndex(j)) return new NetworkValidationError(`${at}.to`, `no task at index ${j}`);
  if (i === j)
    return new NetworkValidationError(`${at}.to`, `task ${taskName(arrays, i)} cannot depend on itself`);
  if (t !== 0 && t !== 1 && t !== 2 && t !== 3)
    return new NetworkValidationError(`${at}.type`, `unknown type code ${t}`);
  return new NetworkValidationError(`${at}.lag`, `must be an integer day within ±2^29, got ${l}`);
}

/**
 * Validates index-level arrays and builds the CSR form, in time linear in tasks + dependencies.
 * Throws `NetworkValidationError` naming `tasks[i].duration` or `dependencies[k].<field>` for
 * a duration that is not an integer ≥ 0, an index out of range, a self-dependency, an unknown
 * type code or a lag that is not an integer, and `tasks` when the network spans more than 2^29
 * days. Cycles are found when scheduling.
 */
export function buildNetwork(arrays: NetworkArrays): CompiledNetwork {
  const n = arrays.duration.length;
  const m = arrays.from.length;
  const { from, to, type, lag } = arrays;
  for (const [field, length] of [
    ['to', to.length],
    ['type', type.length],
    ['lag', lag.length],
  ] as const) {
    if (length !== m)
      throw new NetworkValidationError(`dependencies.${field}`, `has ${length} entries, expected ${m}`);
  }
  const tasks = compileTasks(arrays, n);
  const { duration, flags, anyFinished } = tasks;
  const projectDeadline = day(arrays.projectDeadline, NO_BOUND, 'projectDeadline');

  // Count each task's successors and predecessors. An index out of range (or not an integer) is
  // dropped by the typed array, so it shows as totals short of m, checked below: no per-edge test.
  const successorStart = new Int32Array(n + 1);
  const inDegree = new Int32Array(n);
  for (let k = 0; k < m; k++) {
    successorStart[from[k]]++;
    inDegree[to[k]]++;
  }
  // Exclusive prefix sums: successorStart[i] = where row i starts.
  let rowStart = 0;
  let predecessors = 0;
  for (let i = 0; i < n; i++) {
    const count = successorStart[i];
    successorStart[i] = rowStart;
    rowStart += count;
    predecessors += inDegree[i];
  }
  if (rowStart !== m || predecessors !== m)
    throw dependencyError(arrays, firstInvalidDependency(arrays, n), n);

  // Fill the rows in two loops, each short enough for the processor to keep many of its jumps in
  // flight (one loop doing both measured about a sixth slower): first each dependency's place in
  // its row and its successor, walking forward so that rows keep input order (each row's cursor
  // moves from its start to the next row's start); then its weight, put in that place.
  // NARROW_WEIGHTS: weights are stored in 16 bits whenever they all fit, which halves the bytes the
  // weight loop scatters and both passes read per dependency (measured in paired runs at 100,000
  // tasks: the engine 14.8–16.0 → 14.1–14.9 ms, build and passes each a little faster). They fit
  // when no task is finished (its incoming weights are −NO_BOUND), no duration reaches 2^14 (known
  // up front) and no lag is long enough to push a weight past 16 bits (checked as the weights are
  // written; then they are all worked out again in 32 bits, a rare and slower path).
  const narrow = !anyFinished && tasks.durationBits < 2 ** 14;
  const successor = new Int32Array(m);
  let weight: Int16Array | Int32Array = narrow ? new Int16Array(m) : new Int32Array(m);
  const place = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const p = successorStart[from[k]]++;
    place[k] = p;
    successor[p] = to[k];
  }
  let totalLag = 0;
  let spill = 0;
  for (let k = 0; k < m; k++) {
    const i = from[k];
    const j = to[k];
    const t = type[k];
    const l = lag[k];
    // The indices are valid (above); the rest is checked here, where it is read anyway.
    if (!(i !== j && (t | 0) === t && t >= 0 && t <= 3 && (l | 0) === l))
      throw dependencyError(arrays, firstInvalidDependency(arrays, n), n);
    totalLag += Math.abs(l);
    const w = startWeight(t, l, duration[i], duration[j]);
    weight[place[k]] = w;
    // Non-zero once some weight does not survive a round trip through 16 bits (branch-free).
    spill |= ((w << 16) >> 16) ^ w;
  }
  // A lag too long for 16 bits (a rare network): work every weight out again, in 32 bits.
  if (narrow && spill !== 0) {
    weight = new Int32Array(m);
    for (let k = 0; k < m; k++)
      weight[place[k]] = startWeight(type[k], lag[k], duration[from[k]], duration[to[k]]);
  }
  // Each cursor now sits where the next row starts: shift them back by one row.
  successorStart.copyWithin(1, 0, n);
  successorStart[0] = 0;

  // No path can add up more than every lag and (twice) every duration: bound it so int32 never overflows.
  const span =
    tasks.largestDay +
    (projectDeadline === NO_BOUND ? 0 : projectDeadline) +
    totalLag +
    2 * tasks.totalDuration;
  if (span >= MAX_SPAN)
    throw new NetworkValidationError('tasks', `the network spans ${span} days, more than 2^29`);
  // A dependency into finished work constrains nothing any more, yet still counts for the
  // topological order (a cycle through finished work is still a cycle). Weights are 32-bit then.
  for (let e = 0; anyFinished && e < m; e++)
    if (flags[successor[e]] & TASK_FLAG.finished) weight[e] = -NO_BOUND;

  return {
    taskCount: n,
    dependencyCount: m,
    ids: arrays.ids,
    duration,
    minStart: tasks.minStart,
    fixedStart: tasks.fixedStart,
    flags,
    maxFinish: tasks.maxFinish,
    projectDeadline,
    successorStart,
    successor,
    weight,
    inDegree,
  };
}
