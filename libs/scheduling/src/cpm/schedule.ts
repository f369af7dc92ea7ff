import { findCycle } from './cycle.js';
import { ScheduleCycleError } from './errors.js';
import { type CompiledNetwork, NO_BOUND, TASK_FLAG, taskName } from './network.js';

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
 * Forward pass fused with Kahn's topological sort: when a task leaves the queue every predecessor
 * has pushed its bound into `earlyStart`, so its early start is final (or fixed); it then pushes
 * start + weight to each successor. Fills `order`; tasks left unplaced lie on or behind a cycle,
 * which is then found and thrown as `ScheduleCycleError`.
 */
function forwardPass(network: CompiledNetwork, earlyStart: Int32Array, order: Int32Array): void {
  const n = network.taskCount;
  const { successorStart, successor, weight, flags, fixedStart } = network;
  const remaining = network.inDegree.slice();
  let tail = 0;
  for (let i = 0; i < n; i++) if (remaining[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = order[head];
    let start = earlyStart[i];
    if (flags[i] & TASK_FLAG.earlyFixed) earlyStart[i] = start = fixedStart[i];
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j = successor[e];
      // earlyStart[j] = max(earlyStart[j], start + weight), branch-free (see `BRANCH_FREE`).
      const current = earlyStart[j];
      const gain = start + weight[e] - current;
      earlyStart[j] = current + (gain & ~(gain >> 31));
      // Enqueue j when this was its last predecessor, branch-free too: write j past the end of the
      // queue anyway, and move the end past it only then (`order` has one spare slot for that).
      const left = remaining[j] - 1;
      remaining[j] = left;
      order[tail] = j;
      tail += +(left === 0);
    }
  }
  if (tail < n) throw new ScheduleCycleError(findCycle(network, remaining).map((i) => taskName(network, i)));
}

/**
 * Backward pass in reverse topological order, so every successor is final before its
 * predecessors. `lateStart` and `freeFloat` arrive holding each task's own bound (its cap, and
 * projectFinish − early finish); each dependency out of the task can only lower them.
 */
function backwardPass(
  network: CompiledNetwork,
  order: Int32Array,
  dates: Int32Array,
  freeFloat: Int32Array,
): void {
  const { successorStart, successor, weight, flags, fixedStart } = network;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const es = dates[2 * i];
    let ls = dates[2 * i + 1];
    let ff = freeFloat[i];
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j2 = 2 * successor[e];
      const w = weight[e];
      // ls = min(ls, lateStart[j] − w) and ff = min(ff, earlyStart[j] − w − es), branch-free.
      const byLate = dates[j2 + 1] - w - ls;
      ls += byLate & (byLate >> 31);
      const slack = dates[j2] - w - es - ff;
      ff += slack & (slack >> 31);
    }
    dates[2 * i + 1] = flags[i] & TASK_FLAG.lateFixed ? fixedStart[i] : ls;
    freeFloat[i] = ff;
  }
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
  const { duration, flags, maxFinish, projectDeadline } = network;

  const earlyStart = network.minStart.slice();
  const queue = new Int32Array(n + 1);
  forwardPass(network, earlyStart, queue);
  const order = queue.subarray(0, n);

  const earlyFinish = new Int32Array(n);
  let projectFinish = 0;
  for (let i = 0; i < n; i++) {
    const finish = earlyStart[i] + duration[i];
    earlyFinish[i] = finish;
    if (finish > projectFinish) projectFinish = finish;
  }

  const lateEnd = projectDeadline === NO_BOUND ? projectFinish : projectDeadline;
  // The backward pass reads both dates of every successor: side by side, that is one cache line.
  const dates = new Int32Array(2 * n);
  const freeFloat = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cap = maxFinish[i];
    dates[2 * i] = earlyStart[i];
    dates[2 * i + 1] = (cap < lateEnd ? cap : lateEnd) - duration[i];
    freeFloat[i] = projectFinish - earlyFinish[i];
  }
  backwardPass(network, order, dates, freeFloat);

  const lateStart = new Int32Array(n);
  const lateFinish = new Int32Array(n);
  const totalFloat = new Int32Array(n);
  const critical = new Uint8Array(n);
  const late = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const ls = dates[2 * i + 1];
    lateStart[i] = ls;
    const tf = ls - earlyStart[i];
    const ef = earlyFinish[i];
    lateFinish[i] = ls + duration[i];
    totalFloat[i] = tf;
    if (flags[i] & TASK_FLAG.finished) freeFloat[i] = 0;
    else critical[i] = tf <= 0 ? 1 : 0;
    late[i] = ef > maxFinish[i] || ef > projectDeadline ? 1 : 0;
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
