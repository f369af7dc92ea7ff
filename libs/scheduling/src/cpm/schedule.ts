import { findCycle } from './cycle.js';
import { ScheduleCycleError } from './errors.js';
import { type CompiledNetwork, taskName } from './network.js';

/**
 * The computed schedule, one entry per task index in typed arrays (working-day offsets).
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
  readonly earlyStart: Float64Array;
  readonly earlyFinish: Float64Array;
  readonly lateStart: Float64Array;
  readonly lateFinish: Float64Array;
  /** Late start − early start. */
  readonly totalFloat: Float64Array;
  /** Least slack to any successor under its relation, at most `projectFinish` − early finish. */
  readonly freeFloat: Float64Array;
  /** 1 when total float ≤ 0 and the task is not finished. */
  readonly critical: Uint8Array;
  /** 1 when the early finish passes the task's deadline / FNLT day or the project deadline. */
  readonly late: Uint8Array;
}

/**
 * The critical path method over a compiled network, in time linear in tasks + dependencies.
 *
 * Forward pass (fused with Kahn's topological sort): a task's early start is the largest of 0, its
 * `minStart` (SNET, status day) and, for every dependency into it, the predecessor's early start
 * plus the dependency's weight — unless it is fixed (MSO, actual start), which wins outright.
 * `projectFinish` is the largest early finish.
 *
 * Backward pass (reverse topological order): a task's late finish is the least of the late end
 * (the project deadline, else `projectFinish`), its `maxFinish` (FNLT, deadline) and, through every
 * dependency out of it, what its successor's late dates allow; an MSO task or finished work keeps
 * its late start on its fixed start. Total float = late start − early start; free float = the
 * least slack to any successor's early dates under the relation, capped at projectFinish − early
 * finish. Critical = total float ≤ 0 (and not finished).
 *
 * Throws `ScheduleCycleError` naming the tasks of one cycle when the dependencies are cyclic.
 */
export function computeSchedule(network: CompiledNetwork): Schedule {
  const n = network.taskCount;
  const { successorStart, successor, weight, duration, fixedStart, lateFixed, finished, maxFinish } = network;

  // Forward pass in Kahn order: when a task leaves the queue all its predecessors have pushed
  // their bound into earlyStart, so its early start is final; it then pushes to its successors.
  const earlyStart = Float64Array.from(network.minStart);
  const earlyFinish = new Float64Array(n);
  const remaining = network.inDegree.slice();
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (remaining[i] === 0) order[tail++] = i;
  let projectFinish = 0;
  for (let head = 0; head < tail; head++) {
    const i = order[head];
    const fixed = fixedStart[i];
    const start = fixed === fixed ? fixed : earlyStart[i]; // fixed is NaN when not fixed
    earlyStart[i] = start;
    const finish = start + duration[i];
    earlyFinish[i] = finish;
    if (finish > projectFinish) projectFinish = finish;
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j = successor[e];
      const candidate = start + weight[e];
      if (candidate > earlyStart[j]) earlyStart[j] = candidate;
      if (--remaining[j] === 0) order[tail++] = j;
    }
  }
  if (tail < n) {
    throw new ScheduleCycleError(findCycle(network, remaining).map((i) => taskName(network, i)));
  }

  // Backward pass in reverse order: every successor's late start is final before its predecessors.
  const lateEnd =
    network.projectDeadline === network.projectDeadline ? network.projectDeadline : projectFinish;
  const lateStart = new Float64Array(n);
  const lateFinish = new Float64Array(n);
  const totalFloat = new Float64Array(n);
  const freeFloat = new Float64Array(n);
  const critical = new Uint8Array(n);
  const late = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    const d = duration[i];
    const es = earlyStart[i];
    const ef = es + d;
    const capFinish = maxFinish[i];
    let ls = (capFinish < lateEnd ? capFinish : lateEnd) - d;
    let ff = projectFinish - ef;
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j = successor[e];
      const w = weight[e];
      const byLate = lateStart[j] - w;
      if (byLate < ls) ls = byLate;
      const slack = earlyStart[j] - w - es;
      if (slack < ff) ff = slack;
    }
    if (lateFixed[i]) ls = fixedStart[i];
    const tf = ls - es;
    lateStart[i] = ls;
    lateFinish[i] = ls + d;
    totalFloat[i] = tf;
    if (finished[i]) {
      freeFloat[i] = 0;
    } else {
      freeFloat[i] = ff;
      critical[i] = tf <= 0 ? 1 : 0;
    }
    late[i] = ef > capFinish || ef > network.projectDeadline ? 1 : 0;
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
