/**
 * The leveling mode of the scheduling command line: `npm run schedule -- --level [--budget-ms N]
 * <input.json>`. {@link levelCommand} takes the parsed input (tasks with `duration` and
 * `demands`, `resources` with `capacity`, finish-to-start `dependencies`), validates it, levels it
 * and returns `{ makespan, tasks: [{ id, start, finish }] }` in input order. Run on its own:
 * `tsx --tsconfig tsconfig.base.json tools/schedule/level.ts [--budget-ms N] [--seed S] <input.json | ->`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  levelSchedule,
  LevelingError,
  type LevelingDependency,
  type LevelingProblem,
  type LevelingResource,
  type LevelingTask,
} from '@baton/scheduling';

export interface LevelOutput {
  readonly makespan: number;
  readonly tasks: { readonly id: string; readonly start: number; readonly finish: number }[];
}

export interface LevelCommandOptions {
  /** Search time in milliseconds (default 1,000). */
  readonly budgetMs?: number;
  readonly seed?: number;
}

/**
 * Bad input: `field` is the JSON path of the offending value (e.g. `tasks[2].demands.R1`);
 * `cycle` is true when the dependencies form a cycle (the message names its tasks), which the
 * scheduling command line reports with its own exit code (3).
 */
export class LevelInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly cycle = false,
  ) {
    super(`${field}: ${message}`);
    this.name = 'LevelInputError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function arrayAt(input: Record<string, unknown>, key: string, required: boolean): unknown[] {
  const v = input[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) throw new LevelInputError(key, 'must be an array');
  return v;
}

/** Checks the shape of the input (types, FS only, no constraints) and returns it as a leveling problem. */
export function toLevelingProblem(input: unknown): LevelingProblem {
  if (!isObject(input)) throw new LevelInputError('$', 'the input must be a JSON object');
  const tasks: LevelingTask[] = arrayAt(input, 'tasks', true).map((t, i) => {
    const at = `tasks[${i}]`;
    if (!isObject(t)) throw new LevelInputError(at, 'must be an object');
    if (typeof t.id !== 'string' || t.id === '')
      throw new LevelInputError(`${at}.id`, 'must be a non-empty string');
    if (typeof t.duration !== 'number' || !Number.isInteger(t.duration) || t.duration < 0) {
      throw new LevelInputError(`${at}.duration`, 'must be a whole number of days ≥ 0');
    }
    if (t.constraint !== undefined) {
      throw new LevelInputError(`${at}.constraint`, 'date constraints are not supported in --level mode');
    }
    if (t.demands !== undefined && !isObject(t.demands)) {
      throw new LevelInputError(
        `${at}.demands`,
        'must be an object of resource id → units per day, e.g. {"R1": 3}',
      );
    }
    for (const [rid, q] of Object.entries(t.demands ?? {})) {
      if (typeof q !== 'number' || !Number.isFinite(q) || q < 0) {
        throw new LevelInputError(`${at}.demands.${rid}`, 'must be a number ≥ 0');
      }
    }
    return { id: t.id, duration: t.duration, demands: t.demands as Record<string, number> | undefined };
  });
  const resources: LevelingResource[] = arrayAt(input, 'resources', true).map((r, i) => {
    const at = `resources[${i}]`;
    if (!isObject(r)) throw new LevelInputError(at, 'must be an object');
    if (typeof r.id !== 'string' || r.id === '')
      throw new LevelInputError(`${at}.id`, 'must be a non-empty string');
    if (typeof r.capacity !== 'number' || !Number.isFinite(r.capacity) || r.capacity < 0) {
      throw new LevelInputError(`${at}.capacity`, 'must be a number ≥ 0 (units available per day)');
    }
    return { id: r.id, capacity: r.capacity };
  });
  const dependencies: LevelingDependency[] = arrayAt(input, 'dependencies', false).map((d, i) => {
    const at = `dependencies[${i}]`;
    if (!isObject(d)) throw new LevelInputError(at, 'must be an object');
    for (const key of ['from', 'to'] as const) {
      if (typeof d[key] !== 'string') throw new LevelInputError(`${at}.${key}`, 'must be a task id');
    }
    if (d.type !== undefined && d.type !== 'FS') {
      throw new LevelInputError(
        `${at}.type`,
        `leveling supports finish-to-start (FS) dependencies only, got ${JSON.stringify(d.type)}`,
      );
    }
    if (d.lag !== undefined && (typeof d.lag !== 'number' || !Number.isInteger(d.lag))) {
      throw new LevelInputError(`${at}.lag`, 'must be a whole number of days');
    }
    return { from: d.from as string, to: d.to as string, lag: (d.lag as number | undefined) ?? 0 };
  });
  return { tasks, resources, dependencies };
}

/** Validates and levels the parsed CLI input; throws {@link LevelInputError} naming the bad field. */
export function levelCommand(input: unknown, options: LevelCommandOptions = {}): LevelOutput {
  const budgetMs = options.budgetMs ?? 1000;
  if (!Number.isFinite(budgetMs) || budgetMs < 0)
    throw new LevelInputError('--budget-ms', 'must be a number of milliseconds ≥ 0');
  const problem = toLevelingProblem(input);
  try {
    const r = levelSchedule(problem, { budgetMs, seed: options.seed ?? 1 });
    return { makespan: r.makespan, tasks: r.tasks };
  } catch (err) {
    if (err instanceof LevelingError) {
      throw new LevelInputError(err.field, err.message.replace(`${err.field}: `, ''), err.code === 'CYCLE');
    }
    throw err;
  }
}

/** Stand-alone entry: prints the leveled schedule as JSON; exit 1 on bad input, 2 on bad usage, 3 on a cycle. */
export function main(argv: readonly string[]): number {
  let values: { 'budget-ms'?: string; seed?: string; level?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { level: { type: 'boolean' }, 'budget-ms': { type: 'string' }, seed: { type: 'string' } },
    }));
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nusage: level [--budget-ms N] [--seed S] <input.json | ->\n`,
    );
    return 2;
  }
  if (positionals.length !== 1) {
    process.stderr.write('usage: level [--budget-ms N] [--seed S] <input.json | ->\n');
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read ${positionals[0]}: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const budgetMs = values['budget-ms'] === undefined ? undefined : Number(values['budget-ms']);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    process.stdout.write(JSON.stringify(levelCommand(input, { budgetMs, seed })) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof LevelInputError) {
      process.stderr.write(`invalid input: ${err.message}\n`);
      return err.cycle ? 3 : 1;
    }
    throw err;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
