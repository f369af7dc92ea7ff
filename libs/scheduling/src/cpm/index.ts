/**
 * The critical path method (CPM): early and late dates, total and free float, critical path and
 * cycle detection over all four dependency types with lags, constraints, deadlines and progress.
 *
 * ```ts
 * const schedule = scheduleNetwork({ tasks, dependencies });   // or computeSchedule(compileNetwork(...))
 * schedule.projectFinish; scheduleTasks(schedule); criticalPath(schedule);
 * ```
 */
export * from './types.js';
export * from './errors.js';
export {
  DEPENDENCY_CODE,
  buildNetwork,
  taskName,
  type CompiledNetwork,
  type NetworkArrays,
} from './network.js';
export { computeSchedule, type Schedule } from './schedule.js';
export { findCycle } from './cycle.js';
export { compileNetwork, scheduleNetwork } from './compile.js';
export { criticalChainIndices, criticalPath, scheduleTasks, taskSchedule } from './results.js';
