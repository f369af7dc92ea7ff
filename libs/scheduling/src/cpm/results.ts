import { taskName } from './network.js';
import type { Schedule } from './schedule.js';
import type { TaskSchedule } from './types.js';

/** Task `index` of a schedule as a plain object (ids, dates and floats; see `TaskSchedule`). */
export function taskSchedule(schedule: Schedule, index: number): TaskSchedule {
  return {
    id: taskName(schedule.network, index),
    earlyStart: schedule.earlyStart[index],
    earlyFinish: schedule.earlyFinish[index],
    lateStart: schedule.lateStart[index],
    lateFinish: schedule.lateFinish[index],
    totalFloat: schedule.totalFloat[index],
    freeFloat: schedule.freeFloat[index],
    critical: schedule.critical[index] === 1,
    late: schedule.late[index] === 1,
  };
}

/** Every task of a schedule as a plain object, in the input's task order. */
export function scheduleTasks(schedule: Schedule): TaskSchedule[] {
  const out = new Array<TaskSchedule>(schedule.network.taskCount);
  for (let i = 0; i < out.length; i++) out[i] = taskSchedule(schedule, i);
  return out;
}

/**
 * The critical tasks as chains of task indices: each chain is a path through driving dependencies
 * (both ends critical, and the successor's late start is exactly what binds the predecessor's) in
 * dependency order, and every critical task lies on exactly one chain. Where the critical network
 * branches, the first branch continues the chain and the others start chains of their own, so the
 * answer stays linear in size. Chains come in topological order of their first task.
 */
export function criticalChainIndices(schedule: Schedule): number[][] {
  const { successorStart, successor, weight } = schedule.network;
  const { critical, lateStart, order } = schedule;
  const chainOf = new Int32Array(schedule.network.taskCount).fill(-1);
  const chains: number[][] = [];
  for (const i of order) {
    if (!critical[i]) continue;
    if (chainOf[i] < 0) {
      chainOf[i] = chains.length;
      chains.push([i]);
    }
    const chain = chains[chainOf[i]];
    if (chain[chain.length - 1] !== i) continue; // i already handed its chain on
    for (let e = successorStart[i]; e < successorStart[i + 1]; e++) {
      const j = successor[e];
      if (critical[j] && chainOf[j] < 0 && lateStart[j] - weight[e] === lateStart[i]) {
        chainOf[j] = chainOf[i];
        chain.push(j);
        break;
      }
    }
  }
  return chains;
}

/** `criticalChainIndices` with task ids: e.g. `[["A", "C", "F"]]` for a single critical path. */
export function criticalPath(schedule: Schedule): string[][] {
  return criticalChainIndices(schedule).map((chain) => chain.map((i) => taskName(schedule.network, i)));
}
