/**
 * `npm run schedule -- <input.json | ->`: reads a network (issue 3's JSON format) from a file or
 * stdin and prints its schedule as JSON on stdout.
 *
 * Exit codes: 0 scheduled; 1 unreadable or invalid input (the message names the field);
 * 2 bad command line; 3 the dependencies contain a cycle (the message names its tasks).
 * Modes: the critical path method is the default (`runCpm`); `--level [--budget-ms N]` adds
 * resource leveling (`runLevel`).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type NetworkInput, NetworkValidationError, ScheduleCycleError } from '@baton/scheduling';
import { runCpm } from './cpm-mode.js';
import { levelCommand, LevelInputError } from './level.js';

/**
 * `--level`: the resource-leveled schedule (levelCommand validates the leveling input first), with
 * the critical-path figures of the same network beside it, so each task shows both its
 * precedence-only early start and its leveled start.
 */
function runLevel(input: NetworkInput, budgetMs: number | undefined) {
  const leveled = levelCommand(input, budgetMs === undefined ? {} : { budgetMs });
  const cpm = runCpm(input);
  return {
    projectFinish: cpm.projectFinish,
    makespan: leveled.makespan,
    tasks: cpm.tasks.map((t, i) => ({
      ...t,
      start: leveled.tasks[i]!.start,
      finish: leveled.tasks[i]!.finish,
    })),
  };
}

export const USAGE = `Usage: npm run schedule -- [--level [--budget-ms N]] <input.json | ->

Reads a network { "tasks": [...], "dependencies": [...] } (working-day offsets from day 0) from the
file, or from stdin for "-", and prints { "projectFinish", "tasks": [...] } on stdout.

  --level          also level resources: tasks carry "demands": { "R1": 3 }, the input has
                   "resources": [{ "id": "R1", "capacity": 10 }] (finish-to-start links only);
                   each task gets "start" and "finish", the output gets "makespan"
  --budget-ms N    search time for --level, in milliseconds (default 1000)
  -h, --help       show this text

Exit codes: 0 ok, 1 invalid input, 2 bad arguments, 3 dependency cycle.`;

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, cycle: 3 } as const;

class UsageError extends Error {}

/** The input file cannot be read or is not JSON. */
class InputError extends Error {}

interface CliIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const options = {
  help: { type: 'boolean', short: 'h', default: false },
  level: { type: 'boolean', default: false },
  'budget-ms': { type: 'string' },
} as const;

/** The fields of the input format, per object; `--level` reads `resources` and `demands`, plain CPM ignores them. */
const KNOWN_FIELDS = {
  network: ['tasks', 'dependencies', 'projectDeadline', 'statusDay', 'resources'],
  task: ['id', 'duration', 'constraint', 'deadline', 'progress', 'demands'],
  constraint: ['type', 'day'],
  progress: ['actualStart', 'actualFinish', 'remainingDuration'],
  dependency: ['from', 'to', 'type', 'lag'],
  resource: ['id', 'capacity'],
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Refuses a field the format does not have, naming it: a misspelt `lag` or `constraint` would
 * otherwise be ignored and the schedule printed without it, with exit code 0. Shapes and values are
 * checked by the engine (and by the leveling command).
 */
function refuseUnknownFields(input: unknown): void {
  const check = (value: unknown, path: string, known: readonly string[]) => {
    if (!isRecord(value)) return;
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        throw new NetworkValidationError(
          `${path === '' ? '' : `${path}.`}${key}`,
          `unknown field (known here: ${known.join(', ')})`,
        );
    }
  };
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  check(input, '', KNOWN_FIELDS.network);
  if (!isRecord(input)) return;
  list(input.tasks).forEach((task, i) => {
    check(task, `tasks[${i}]`, KNOWN_FIELDS.task);
    if (!isRecord(task)) return;
    check(task.constraint, `tasks[${i}].constraint`, KNOWN_FIELDS.constraint);
    check(task.progress, `tasks[${i}].progress`, KNOWN_FIELDS.progress);
  });
  list(input.dependencies).forEach((d, k) => check(d, `dependencies[${k}]`, KNOWN_FIELDS.dependency));
  list(input.resources).forEach((r, k) => check(r, `resources[${k}]`, KNOWN_FIELDS.resource));
}

async function readNetwork(source: string, io: CliIo): Promise<NetworkInput> {
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${source}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as NetworkInput;
  } catch (error) {
    throw new InputError(
      `${source === '-' ? 'stdin' : source} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** Parses the command line, runs the chosen mode and writes its output; resolves to the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError('expected exactly one input file (or - for stdin)');

    if (values['budget-ms'] !== undefined && !values.level)
      throw new UsageError('--budget-ms goes with --level');
    const budgetMs = values['budget-ms'] === undefined ? undefined : Number(values['budget-ms']);
    if (budgetMs !== undefined && !(Number.isInteger(budgetMs) && budgetMs >= 0)) {
      throw new UsageError('--budget-ms takes a whole number of milliseconds');
    }
    const input = await readNetwork(positionals[0], io);
    refuseUnknownFields(input);
    const output = values.level ? runLevel(input, budgetMs) : runCpm(input);
    io.stdout(`${JSON.stringify(output)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`schedule: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ScheduleCycleError) {
      io.stderr(`schedule: ${error.message}\ntasks on the cycle: ${error.taskIds.join(', ')}\n`);
      return EXIT.cycle;
    }
    if (error instanceof InputError) {
      io.stderr(`schedule: ${error.message}\n`);
      return EXIT.invalidInput;
    }
    if (error instanceof LevelInputError) {
      io.stderr(`schedule: invalid input at ${error.message}\n`);
      return error.cycle ? EXIT.cycle : EXIT.invalidInput;
    }
    if (error instanceof NetworkValidationError) {
      io.stderr(`schedule: invalid input at ${error.field}: ${error.reason}\n`);
      return EXIT.invalidInput;
    }
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  process.exitCode = await run(process.argv.slice(2), {
    readStdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
