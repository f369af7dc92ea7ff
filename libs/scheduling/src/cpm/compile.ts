import { NetworkValidationError } from './errors.js';
import { buildNetwork, type CompiledNetwork, DEPENDENCY_CODE } from './network.js';
import { computeSchedule, type Schedule } from './schedule.js';
import { CONSTRAINT_TYPES, DEPENDENCY_TYPES, type NetworkInput } from './types.js';

// Validation runs once per task and dependency on every reschedule, so it builds no strings and
// no closures unless something is wrong: field paths are assembled only when an error is thrown.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isInteger = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

function notInteger(field: string, value: unknown, min: number): NetworkValidationError {
  const bound = min === -Infinity ? 'an integer' : `an integer ≥ ${min}`;
  return new NetworkValidationError(
    field,
    value === undefined ? 'is required' : `must be ${bound}, got ${JSON.stringify(value)}`,
  );
}

/** `value` when it is absent or an integer ≥ min; throws naming `field` (of task `task`) otherwise. */
function optionalInteger(value: unknown, min: number, field: string, task?: number): number | undefined {
  if (value === undefined || isInteger(value, min)) return value;
  throw notInteger(task === undefined ? field : taskPath(task) + field, value, min);
}

const taskPath = (i: number) => `tasks[${i}].`;

/** The engine's per-task arrays, filled task by task. */
class TaskArrays {
  readonly duration: Float64Array;
  readonly minStart: Float64Array;
  readonly fixedStart: Float64Array;
  readonly lateFixed: Uint8Array;
  readonly finished: Uint8Array;
  readonly maxFinish: Float64Array;

  constructor(n: number) {
    this.duration = new Float64Array(n);
    this.minStart = new Float64Array(n);
    this.fixedStart = new Float64Array(n).fill(NaN);
    this.lateFixed = new Uint8Array(n);
    this.finished = new Uint8Array(n);
    this.maxFinish = new Float64Array(n).fill(Infinity);
  }

  /** Turns task i's constraint, deadline and progress into the engine's bounds (see `TaskProgress`). */
  resolve(task: Record<string, unknown>, i: number, statusDay: number): void {
    const duration = task.duration;
    if (!isInteger(duration, 0)) throw notInteger(taskPath(i) + 'duration', duration, 0);
    let mustStart = NaN;
    const constraint = task.constraint;
    if (constraint !== undefined) {
      if (!isObject(constraint))
        throw new NetworkValidationError(taskPath(i) + 'constraint', 'must be an object { type, day }');
      const { type, day } = constraint;
      if (!CONSTRAINT_TYPES.includes(type as never)) {
        throw new NetworkValidationError(
          taskPath(i) + 'constraint.type',
          `must be one of ${CONSTRAINT_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
        );
      }
      if (!isInteger(day, 0)) throw notInteger(taskPath(i) + 'constraint.day', day, 0);
      if (type === 'SNET') this.minStart[i] = day;
      else if (type === 'FNLT') this.maxFinish[i] = day;
      else mustStart = day;
    }
    const deadline = optionalInteger(task.deadline, 0, 'deadline', i);
    if (deadline !== undefined && deadline < this.maxFinish[i]) this.maxFinish[i] = deadline;

    const progress = task.progress;
    let actualStart: number | undefined;
    let actualFinish: number | undefined;
    let remaining: number | undefined;
    if (progress !== undefined) {
      if (!isObject(progress))
        throw new NetworkValidationError(taskPath(i) + 'progress', 'must be an object');
      actualStart = optionalInteger(progress.actualStart, 0, 'progress.actualStart', i);
      actualFinish = optionalInteger(progress.actualFinish, 0, 'progress.actualFinish', i);
      remaining = optionalInteger(progress.remainingDuration, 0, 'progress.remainingDuration', i);
    }

    if (actualFinish !== undefined) {
      // Finished: stays on its actual dates.
      const start = actualStart ?? Math.max(0, actualFinish - duration);
      if (actualFinish < start) {
        throw new NetworkValidationError(
          taskPath(i) + 'progress.actualFinish',
          `must not be before the actual start ${start}`,
        );
      }
      this.duration[i] = actualFinish - start;
      this.fixedStart[i] = start;
      this.lateFixed[i] = 1;
      this.finished[i] = 1;
    } else if (actualStart !== undefined) {
      // In progress: keeps its actual start; the rest of the work resumes on the status day.
      const resume = Math.max(actualStart, statusDay);
      const left = remaining ?? Math.max(0, duration - (resume - actualStart));
      this.duration[i] = resume + left - actualStart;
      this.fixedStart[i] = actualStart;
    } else {
      // Not started: not before the status day, unless it must start on a given day.
      this.duration[i] = remaining ?? duration;
      if (statusDay > this.minStart[i]) this.minStart[i] = statusDay;
      if (mustStart === mustStart) {
        this.fixedStart[i] = mustStart;
        this.lateFixed[i] = 1;
      }
    }
  }
}

/**
 * Validates a network given with task ids and compiles it for `computeSchedule`.
 *
 * Throws `NetworkValidationError` whose `field` names the first offending item: a missing or
 * duplicate task id (`tasks[4].id`), a duration, day or lag that is not an integer in range, an
 * unknown constraint or dependency type, a dependency naming an unknown task
 * (`dependencies[2].to`) or a task depending on itself. Linear in tasks + dependencies.
 */
export function compileNetwork(input: NetworkInput): CompiledNetwork {
  if (!isObject(input)) throw new NetworkValidationError('$', 'must be an object { tasks, dependencies }');
  const taskList: unknown = input.tasks;
  if (!Array.isArray(taskList)) throw new NetworkValidationError('tasks', 'must be an array');
  const dependencies: unknown = input.dependencies ?? [];
  if (!Array.isArray(dependencies)) throw new NetworkValidationError('dependencies', 'must be an array');
  const statusDay = optionalInteger(input.statusDay, 0, 'statusDay') ?? 0;
  const projectDeadline = optionalInteger(input.projectDeadline, 0, 'projectDeadline');

  const n = taskList.length;
  const ids = new Array<string>(n);
  const index = new Map<string, number>();
  const tasks = new TaskArrays(n);
  for (let i = 0; i < n; i++) {
    const task: unknown = taskList[i];
    if (!isObject(task))
      throw new NetworkValidationError(`tasks[${i}]`, 'must be an object { id, duration }');
    const id = task.id;
    if (typeof id !== 'string' || id === '')
      throw new NetworkValidationError(`tasks[${i}].id`, 'must be a non-empty string');
    const seen = index.get(id);
    if (seen !== undefined)
      throw new NetworkValidationError(`tasks[${i}].id`, `duplicate task id "${id}" (also tasks[${seen}])`);
    index.set(id, i);
    ids[i] = id;
    tasks.resolve(task, i, statusDay);
  }

  const m = dependencies.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const type = new Uint8Array(m);
  const lag = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const dep: unknown = dependencies[k];
    if (!isObject(dep))
      throw new NetworkValidationError(`dependencies[${k}]`, 'must be an object { from, to, type, lag }');
    const i = index.get(dep.from as string);
    const j = index.get(dep.to as string);
    if (i === undefined) throw unknownTask(k, 'from', dep.from);
    if (j === undefined) throw unknownTask(k, 'to', dep.to);
    if (i === j)
      throw new NetworkValidationError(`dependencies[${k}].to`, `task "${ids[j]}" cannot depend on itself`);
    const t = dep.type ?? 'FS';
    const code = DEPENDENCY_CODE[t as keyof typeof DEPENDENCY_CODE];
    if (code === undefined || !DEPENDENCY_TYPES.includes(t as never)) {
      throw new NetworkValidationError(
        `dependencies[${k}].type`,
        `must be one of ${DEPENDENCY_TYPES.join(', ')}, got ${JSON.stringify(t)}`,
      );
    }
    from[k] = i;
    to[k] = j;
    type[k] = code;
    lag[k] = (dep.lag === undefined || isInteger(dep.lag, -Infinity) ? dep.lag : invalidLag(k, dep.lag)) ?? 0;
  }

  return buildNetwork({ ids, from, to, type, lag, ...tasks, projectDeadline });
}

function invalidLag(k: number, lag: unknown): never {
  throw notInteger(`dependencies[${k}].lag`, lag, -Infinity);
}

function unknownTask(k: number, field: 'from' | 'to', id: unknown): NetworkValidationError {
  const reason = typeof id === 'string' ? `unknown task "${id}"` : 'must be a task id (string)';
  return new NetworkValidationError(`dependencies[${k}].${field}`, reason);
}

/** `compileNetwork` then `computeSchedule`: validates, schedules, and throws either's typed error. */
export function scheduleNetwork(input: NetworkInput): Schedule {
  return computeSchedule(compileNetwork(input));
}
