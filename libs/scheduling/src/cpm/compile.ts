import { NetworkValidationError } from './errors.js';
import { buildNetwork, type CompiledNetwork, DEPENDENCY_CODE } from './network.js';
import { computeSchedule, type Schedule } from './schedule.js';
import { CONSTRAINT_TYPES, DEPENDENCY_TYPES, type NetworkInput, type TaskInput } from './types.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An integer day/duration at `field`, or `undefined` when absent; throws when present and invalid. */
function optionalInteger(value: unknown, field: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const bound = min === -Infinity ? 'an integer' : `an integer ≥ ${min}`;
    throw new NetworkValidationError(field, `must be ${bound}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function requiredInteger(value: unknown, field: string, min: number): number {
  const result = optionalInteger(value, field, min);
  if (result === undefined) throw new NetworkValidationError(field, 'is required');
  return result;
}

/** Where one task sits in the engine's arrays once its constraint and progress are resolved. */
interface ResolvedTask {
  duration: number;
  minStart: number;
  fixedStart: number;
  lateFixed: boolean;
  finished: boolean;
  maxFinish: number;
}

/** Turns one task's constraint, deadline and progress into the engine's bounds (see `TaskProgress`). */
function resolveTask(task: TaskInput, at: string, statusDay: number): ResolvedTask {
  const duration = requiredInteger(task.duration, `${at}.duration`, 0);
  const r: ResolvedTask = {
    duration,
    minStart: 0,
    fixedStart: NaN,
    lateFixed: false,
    finished: false,
    maxFinish: Infinity,
  };

  if (task.constraint !== undefined) {
    if (!isObject(task.constraint))
      throw new NetworkValidationError(`${at}.constraint`, 'must be an object { type, day }');
    const type = task.constraint.type;
    if (!CONSTRAINT_TYPES.includes(type)) {
      throw new NetworkValidationError(
        `${at}.constraint.type`,
        `must be one of ${CONSTRAINT_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
      );
    }
    const day = requiredInteger(task.constraint.day, `${at}.constraint.day`, 0);
    if (type === 'SNET') r.minStart = day;
    else if (type === 'FNLT') r.maxFinish = day;
    else {
      r.fixedStart = day;
      r.lateFixed = true;
    }
  }
  const deadline = optionalInteger(task.deadline, `${at}.deadline`, 0);
  if (deadline !== undefined && deadline < r.maxFinish) r.maxFinish = deadline;

  const progress: unknown = task.progress ?? {};
  if (!isObject(progress)) throw new NetworkValidationError(`${at}.progress`, 'must be an object');
  const actualStart = optionalInteger(progress.actualStart, `${at}.progress.actualStart`, 0);
  const actualFinish = optionalInteger(progress.actualFinish, `${at}.progress.actualFinish`, 0);
  const remaining = optionalInteger(progress.remainingDuration, `${at}.progress.remainingDuration`, 0);

  if (actualFinish !== undefined) {
    const start = actualStart ?? Math.max(0, actualFinish - duration);
    if (actualFinish < start) {
      throw new NetworkValidationError(
        `${at}.progress.actualFinish`,
        `must not be before the actual start ${start}`,
      );
    }
    return { ...r, duration: actualFinish - start, fixedStart: start, lateFixed: true, finished: true };
  }
  if (actualStart !== undefined) {
    const resume = Math.max(actualStart, statusDay);
    const left = remaining ?? Math.max(0, duration - (resume - actualStart));
    return { ...r, duration: resume + left - actualStart, fixedStart: actualStart, lateFixed: false };
  }
  return { ...r, duration: remaining ?? duration, minStart: Math.max(r.minStart, statusDay) };
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
  if (!Array.isArray(input.tasks)) throw new NetworkValidationError('tasks', 'must be an array');
  const dependencies: unknown = input.dependencies ?? [];
  if (!Array.isArray(dependencies)) throw new NetworkValidationError('dependencies', 'must be an array');
  const statusDay = optionalInteger(input.statusDay, 'statusDay', 0) ?? 0;
  const projectDeadline = optionalInteger(input.projectDeadline, 'projectDeadline', 0);

  const n = input.tasks.length;
  const ids: string[] = new Array<string>(n);
  const index = new Map<string, number>();
  const duration = new Float64Array(n);
  const minStart = new Float64Array(n);
  const fixedStart = new Float64Array(n);
  const lateFixed = new Uint8Array(n);
  const finished = new Uint8Array(n);
  const maxFinish = new Float64Array(n);
  input.tasks.forEach((task: unknown, i) => {
    const at = `tasks[${i}]`;
    if (!isObject(task)) throw new NetworkValidationError(at, 'must be an object { id, duration }');
    const id = task.id;
    if (typeof id !== 'string' || id === '')
      throw new NetworkValidationError(`${at}.id`, 'must be a non-empty string');
    const seen = index.get(id);
    if (seen !== undefined)
      throw new NetworkValidationError(`${at}.id`, `duplicate task id "${id}" (also tasks[${seen}])`);
    index.set(id, i);
    ids[i] = id;
    const r = resolveTask(task as unknown as TaskInput, at, statusDay);
    duration[i] = r.duration;
    minStart[i] = r.minStart;
    fixedStart[i] = r.fixedStart;
    lateFixed[i] = r.lateFixed ? 1 : 0;
    finished[i] = r.finished ? 1 : 0;
    maxFinish[i] = r.maxFinish;
  });

  const m = dependencies.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const type = new Uint8Array(m);
  const lag = new Float64Array(m);
  dependencies.forEach((dep: unknown, k) => {
    const at = `dependencies[${k}]`;
    if (!isObject(dep)) throw new NetworkValidationError(at, 'must be an object { from, to, type, lag }');
    const end = (field: 'from' | 'to') => {
      const id = dep[field];
      if (typeof id !== 'string')
        throw new NetworkValidationError(`${at}.${field}`, 'must be a task id (string)');
      const i = index.get(id);
      if (i === undefined) throw new NetworkValidationError(`${at}.${field}`, `unknown task "${id}"`);
      return i;
    };
    from[k] = end('from');
    to[k] = end('to');
    if (from[k] === to[k])
      throw new NetworkValidationError(`${at}.to`, `task "${ids[to[k]]}" cannot depend on itself`);
    const t = dep.type ?? 'FS';
    if (!DEPENDENCY_TYPES.includes(t as never)) {
      throw new NetworkValidationError(
        `${at}.type`,
        `must be one of ${DEPENDENCY_TYPES.join(', ')}, got ${JSON.stringify(t)}`,
      );
    }
    type[k] = DEPENDENCY_CODE[t as keyof typeof DEPENDENCY_CODE];
    lag[k] = optionalInteger(dep.lag, `${at}.lag`, -Infinity) ?? 0;
  });

  return buildNetwork({
    ids,
    duration,
    from,
    to,
    type,
    lag,
    minStart,
    fixedStart,
    lateFixed,
    finished,
    maxFinish,
    projectDeadline,
  });
}

/** `compileNetwork` then `computeSchedule`: validates, schedules, and throws either's typed error. */
export function scheduleNetwork(input: NetworkInput): Schedule {
  return computeSchedule(compileNetwork(input));
}
