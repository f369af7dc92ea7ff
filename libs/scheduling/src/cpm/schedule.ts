import { findCycle } from './cycle.js';
import { ScheduleCycleError } from './errors.js';
import { type CompiledNetwork, MAX_SPAN, NO_BOUND, TASK_FLAG, taskName } from './network.js';

/**
 * The computed schedule, one entry per task index in typed arrays (integer working-day offsets).
 * `scheduleTasks` turns it into per-task objects; `criticalPath` into chains of critical tasks.
 */
export interface Schedule {
  readonly network: CompiledNetwork;
  /** The largest early finish (0 for an empty network). */
  readonly projectFinish: number;
  /** The day the late dates were computed back from: the project deadline if set, else `projectFinish`. */
  readonly lateEnd: number;
  /** Task indices in the topological order the passes used. */
  readonly order: Int32Array;
  readonly earlyStart: Int32Array;
  readonly earlyFinish: Int32Array;
  readonly lateStart: Int32Array;
  readonly lateFinish: Int32Array;
  /** Late start − early start. */
  readonly totalFloat: Int32Array;
  /** Least slack to any successor under its relation, at most `projectFinish` − early finish. */
  readonly freeFloat: Int32Array;
  /** 1 when total float ≤ 0 and the task is not finished. */
  readonly critical: Uint8Array;
  /** 1 when the early finish passes the task's deadline / FNLT day or the project deadline. */
  readonly late: Uint8Array;
}

/**
 * BRANCH_FREE: the passes take maxima and minima with sign masks (for d = a − b, `d >> 31` is all
 * ones when d < 0, else 0) instead of `if`: with dependencies of mixed types and lags, which side
 * wins is close to random, and a mispredicted branch per dependency cost about a fifth of each
 * pass. Every day stays within ±2^29 (`MAX_SPAN`), so the differences cannot overflow int32.
 */

/**
 * TASK_STATE: both passes work on one Int32Array holding four numbers per task side by side, so
 * that a task, or a dependency's far end, costs one memory access instead of one per array (with
 * tasks met in topological order, every access is a jump). Measured a few per cent faster than
 * separate arrays, and it is what lets `LOOK_AHEAD` bring in a task with one read. Task i's four,
 * at 4i + :
 */
/** early start */
const ES = 0;
/** predecessors not yet placed during the forward pass (all 0 after it), then the late start */
const LS = 1;
/** duration | flags << FLAG_SHIFT (durations stay below 2^29, `MAX_SPAN`) */
const SPAN = 2;
/** the latest start its own cap allows (maxFinish − duration), then its free float */
const OWN = 3;
const FLAG_SHIFT = 29;
const DURATION_MASK = MAX_SPAN - 1;
const EARLY_FIXED = TASK_FLAG.earlyFixed << FLAG_SHIFT;
const LATE_FIXED = TASK_FLAG.lateFixed << FLAG_SHIFT;
const FINISHED = TASK_FLAG.finished << FLAG_SHIFT;

/**
 * LOOK_AHEAD: each pass reads, for the task a few places further along the order, its row bounds
 * and its state, and throws the values away (xor-ed into a word written to a spare slot, so that
 * the compiler keeps the loads). The task being processed needs the same reads before it can
 * start, each a jump in memory; issued ahead, they are in flight while the current task's
 * dependencies are walked, instead of one after another. Measured: about an eighth off the forward
 * pass, a twentieth off the backward one.
 */
const LOOK_AHEAD = 3;

/**
 * Forward pass fused with Kahn's topological sort: when a task leaves the queue every predecessor
 * has pushed its bound into its early start, so that is final (or fixed); it then pushes start +
 * weight to each successor. `order` arrives holding the `tail` tasks without predecessors; fills
 * it. Returns the project finish. Tasks left unplaced lie on or behind a cycle, which is then
 * found and thrown as `ScheduleCycleError`.
 */
function forwardPass(network: CompiledNetwork, state: Int32Array, order: Int32Array, tail: number): number {
  const n = network.taskCount;
  const { successorStart, successor, weight, fixedStart } = network;
  let projectFinish = 0;
  let touched = 0;
  for (let head = 0; head < tail; head++) {
    // See `LOOK_AHEAD` (a place not yet filled holds an older index or 0: still a task).
    const ahead = order[Math.min(head + LOOK_AHEAD, n)];
    touched ^= successorStart[ahead] ^ state[4 * ahead + SPAN];
    const i = order[head];
    const at = 4 * i;
    let start = state[at + ES];
    const span = state[at + SPAN];
    if (span & EARLY_FIXED) state[at + ES] = start = fixedStart[i];
    const late = start + (span & DURATION_MASK) - projectFinish;
    projectFinish += late & ~(late >> 31);
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j = successor[e];
      const to = 4 * j;
      // early start of j = max(itself, start + weight), branch-free (see `BRANCH_FREE`).
      const current = state[to + ES];
      const gain = start + weight[e] - current;
      state[to + ES] = current + (gain & ~(gain >> 31));
      // Enqueue j when this was its last predecessor, branch-free too: write j past the end of the
      // queue anyway, and move the end past it only then (`order` has one spare slot for that).
      const left = state[to + LS] - 1;
      state[to + LS] = left;
      order[tail] = j;
      tail += +(left === 0);
    }
  }
  order[n] = touched;
  if (tail < n) {
    const unplaced = new Int32Array(n);
    for (let i = 0; i < n; i++) unplaced[i] = state[4 * i + LS];
    throw new ScheduleCycleError(findCycle(network, unplaced).map((i) => taskName(network, i)));
  }
  return projectFinish;
}

/**
 * Backward pass in reverse topological order (`order`, with its spare slot), so every successor is
 * final before its predecessors. A task's late start starts from its own cap or the late end, its free float from
 * projectFinish − early finish; each dependency out of it can only lower them.
 */
function backwardPass(
  network: CompiledNetwork,
  order: Int32Array,
  state: Int32Array,
  lateEnd: number,
  projectFinish: number,
): void {
  const n = network.taskCount;
  const { successorStart, successor, weight, fixedStart } = network;
  let touched = 0;
  for (let k = n - 1; k >= 0; k--) {
    // See `LOOK_AHEAD`: here the whole order is known.
    const ahead = order[Math.max(k - LOOK_AHEAD, 0)];
    touched ^= state[4 * ahead + ES] ^ successorStart[ahead];
    const i = order[k];
    const at = 4 * i;
    const es = state[at + ES];
    const span = state[at + SPAN];
    const duration = span & DURATION_MASK;
    const own = state[at + OWN];
    let ls = own < lateEnd - duration ? own : lateEnd - duration;
    let ff = projectFinish - es - duration;
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const to = 4 * successor[e];
      const w = weight[e];
      // ls = min(ls, lateStart[j] − w) and ff = min(ff, earlyStart[j] − w − es), branch-free.
      const byLate = state[to + LS] - w - ls;
      ls += byLate & (byLate >> 31);
      const slack = state[to + ES] - w - es - ff;
      ff += slack & (slack >> 31);
    }
    state[at + LS] = span & LATE_FIXED ? fixedStart[i] : ls;
    state[at + OWN] = ff;
  }
  order[n] = touched;
}

/**
 * The critical path method over a compiled network, in time linear in tasks + dependencies.
 *
 * Early dates: a task's early start is the largest of 0, its `minStart` (SNET, status day) and,
 * for every dependency into it, the predecessor's early start plus the dependency's weight —
 * unless it is fixed (MSO, actual start), which wins outright. `projectFinish` is the largest
 * early finish.
 *
 * Late dates: a task's late finish is the least of the late end (the project deadline, else
 * `projectFinish`), its `maxFinish` (FNLT, deadline) and, through every dependency out of it,
 * what its successor's late dates allow; an MSO task or finished work keeps its late start on
 * its fixed start. Total float = late start − early start; free float = the least slack to any
 * successor's early dates under the relation, capped at projectFinish − early finish (0 for
 * finished work). Critical = total float ≤ 0 and not finished. Late = early finish after the
 * task's `maxFinish` or the project deadline.
 *
 * Throws `ScheduleCycleError` naming the tasks of one cycle when the dependencies are cyclic.
 */
export function computeSchedule(network: CompiledNetwork): Schedule {
  const n = network.taskCount;
  const { duration, flags, minStart, maxFinish, inDegree, projectDeadline } = network;

  // See `TASK_STATE`. The tasks without predecessors start the queue.
  const state = new Int32Array(4 * n);
  const queue = new Int32Array(n + 1);
  let roots = 0;
  for (let i = 0; i < n; i++) {
    const at = 4 * i;
    const d = duration[i];
    const predecessors = inDegree[i];
    state[at + ES] = minStart[i];
    state[at + LS] = predecessors;
    state[at + SPAN] = d | (flags[i] << FLAG_SHIFT);
    state[at + OWN] = maxFinish[i] - d;
    if (predecessors === 0) queue[roots++] = i;
  }
  const projectFinish = forwardPass(network, state, queue, roots);
  const order = queue.subarray(0, n);
  const lateEnd = projectDeadline === NO_BOUND ? projectFinish : projectDeadline;
  backwardPass(network, queue, state, lateEnd, projectFinish);

  const earlyStart = new Int32Array(n);
  const earlyFinish = new Int32Array(n);
  const lateStart = new Int32Array(n);
  const lateFinish = new Int32Array(n);
  const totalFloat = new Int32Array(n);
  const freeFloat = new Int32Array(n);
  const critical = new Uint8Array(n);
  const late = new Uint8Array(n);
  // Branch-free too (critical and late tasks lie anywhere in the task list): `x >>> 31` is 1 when
  // x < 0; finished work (`FINISHED` is the sign bit of `SPAN`, so `>> 31` spreads it to a mask)
  // has its free float and criticality masked to 0. The differences stay within int32 (days within
  // ±2^29, `NO_BOUND` = 2^30).
  for (let i = 0; i < n; i++) {
    const at = 4 * i;
    const es = state[at + ES];
    const ls = state[at + LS];
    const span = state[at + SPAN];
    const unfinished = ~((span & FINISHED) >> 31);
    const d = span & DURATION_MASK;
    const ef = es + d;
    const tf = ls - es;
    earlyStart[i] = es;
    earlyFinish[i] = ef;
    lateStart[i] = ls;
    lateFinish[i] = ls + d;
    totalFloat[i] = tf;
    freeFloat[i] = state[at + OWN] & unfinished;
    critical[i] = ((tf - 1) >>> 31) & unfinished;
    late[i] = ((maxFinish[i] - ef) >>> 31) | ((projectDeadline - ef) >>> 31);
  }

  return {
    network,
    projectFinish,
    lateEnd,
    order,
    earlyStart,
    earlyFinish,
    lateStart,
    lateFinish,
    totalFloat,
    freeFloat,
    critical,
    late,
  };
}
