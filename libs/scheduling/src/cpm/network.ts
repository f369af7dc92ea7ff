import { NetworkValidationError } from './errors.js';
import type { DependencyType } from './types.js';

/**
 * Dependency types as small integers for typed arrays. Bit 0 says the relation reads the
 * predecessor's finish (else its start), bit 1 that it constrains the successor's finish (else its
 * start): SS = 0, FS = 1, SF = 2, FF = 3.
 */
export const DEPENDENCY_CODE: Readonly<Record<DependencyType, number>> = { SS: 0, FS: 1, SF: 2, FF: 3 };

/**
 * A network already resolved to task indices 0..n−1 and typed arrays: the engine's own input,
 * which `compileNetwork` builds from `NetworkInput` and which a caller with its own indices (a
 * benchmark, a service holding arrays) may build directly. Optional per-task arrays default to
 * "no bound". Durations are the durations to schedule (remaining work already folded in).
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
 * `successor[successorStart[i] .. successorStart[i+1])`. Each dependency is stored as one weight on
 * start times — `start(to) ≥ start(from) + weight` — since, with fixed durations, every relation
 * type reduces to that: weight = lag + (reads finish ? duration(from) : 0) − (constrains finish ?
 * duration(to) : 0). Build one with `buildNetwork` or `compileNetwork`; schedule it with
 * `computeSchedule` as often as you like (it is never modified).
 */
export interface CompiledNetwork {
  readonly taskCount: number;
  readonly dependencyCount: number;
  readonly ids: readonly string[] | undefined;
  readonly duration: Float64Array;
  readonly minStart: Float64Array;
  readonly fixedStart: Float64Array;
  readonly lateFixed: Uint8Array;
  readonly finished: Uint8Array;
  readonly maxFinish: Float64Array;
  readonly projectDeadline: number;
  readonly successorStart: Int32Array;
  readonly successor: Int32Array;
  readonly weight: Float64Array;
  readonly inDegree: Int32Array;
}

/** The name of task `index` in messages: its id, or `#index` when the network has no ids. */
export function taskName(network: Pick<CompiledNetwork, 'ids'>, index: number): string {
  return network.ids ? network.ids[index] : `#${index}`;
}

function isDay(value: number): boolean {
  return Number.isSafeInteger(value);
}

function floatArray(source: ArrayLike<number> | undefined, n: number, fill: number): Float64Array {
  const out = new Float64Array(n);
  if (source) out.set(source);
  else if (fill !== 0) out.fill(fill);
  return out;
}

function byteArray(source: ArrayLike<number> | undefined, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (source) out.set(source);
  return out;
}

/**
 * Validates index-level arrays and builds the CSR form, in time linear in tasks + dependencies.
 * Throws `NetworkValidationError` naming `tasks[i].duration` or `dependencies[k].<field>` for
 * a duration that is not an integer ≥ 0, an index out of range, a self-dependency, an unknown
 * type code or a lag that is not an integer. Cycles are found when scheduling.
 */
export function buildNetwork(arrays: NetworkArrays): CompiledNetwork {
  const n = arrays.duration.length;
  const m = arrays.from.length;
  const { from, to, type, lag } = arrays;
  const name = (i: number) => (arrays.ids ? `"${arrays.ids[i]}"` : `#${i}`);
  for (const [field, length] of [
    ['to', to.length],
    ['type', type.length],
    ['lag', lag.length],
  ] as const) {
    if (length !== m)
      throw new NetworkValidationError(`dependencies.${field}`, `has ${length} entries, expected ${m}`);
  }

  const duration = floatArray(arrays.duration, n, 0);
  for (let i = 0; i < n; i++) {
    const d = duration[i];
    if (!(d >= 0) || !isDay(d))
      throw new NetworkValidationError(`tasks[${i}].duration`, `must be an integer ≥ 0, got ${d}`);
  }
  const finished = byteArray(arrays.finished, n);

  const successorStart = new Int32Array(n + 1);
  const inDegree = new Int32Array(n);
  for (let k = 0; k < m; k++) {
    const i = from[k];
    const j = to[k];
    if (!(i >= 0 && i < n && Number.isInteger(i)))
      throw new NetworkValidationError(`dependencies[${k}].from`, `no task at index ${i}`);
    if (!(j >= 0 && j < n && Number.isInteger(j)))
      throw new NetworkValidationError(`dependencies[${k}].to`, `no task at index ${j}`);
    if (i === j)
      throw new NetworkValidationError(`dependencies[${k}].to`, `task ${name(i)} cannot depend on itself`);
    const t = type[k];
    if (t !== 0 && t !== 1 && t !== 2 && t !== 3)
      throw new NetworkValidationError(`dependencies[${k}].type`, `unknown type code ${t}`);
    if (!isDay(lag[k]))
      throw new NetworkValidationError(`dependencies[${k}].lag`, `must be an integer, got ${lag[k]}`);
    successorStart[i + 1]++;
    inDegree[j]++;
  }
  for (let i = 0; i < n; i++) successorStart[i + 1] += successorStart[i];

  // Scatter the dependencies into their rows, folding type, lag and durations into one weight.
  // A dependency into finished work constrains nothing any more: weight −∞ makes both passes skip it
  // while it still counts for the topological order (so a cycle through finished work is still a cycle).
  const cursor = successorStart.slice(0, n);
  const successor = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = from[k];
    const j = to[k];
    const t = type[k];
    const p = cursor[i]++;
    successor[p] = j;
    weight[p] = finished[j] ? -Infinity : lag[k] + (t & 1 ? duration[i] : 0) - (t & 2 ? duration[j] : 0);
  }

  const minStart = floatArray(arrays.minStart, n, 0);
  if (arrays.minStart) for (let i = 0; i < n; i++) if (!(minStart[i] > 0)) minStart[i] = 0;

  return {
    taskCount: n,
    dependencyCount: m,
    ids: arrays.ids,
    duration,
    minStart,
    fixedStart: floatArray(arrays.fixedStart, n, NaN),
    lateFixed: byteArray(arrays.lateFixed, n),
    finished,
    maxFinish: floatArray(arrays.maxFinish, n, Infinity),
    projectDeadline: arrays.projectDeadline ?? NaN,
    successorStart,
    successor,
    weight,
    inDegree,
  };
}
