/**
 * `npm run schedule -- <input.json | ->`: reads a network (issue 3's JSON format) from a file or
 * stdin and prints its schedule as JSON on stdout.
 *
 * Exit codes: 0 scheduled; 1 unreadable or invalid input (the message names the field);
 * 2 bad command line; 3 the dependencies contain a cycle (the message names its tasks).
 * Modes: the critical path method is the default (`runCpm`); further modes (e.g. resource
 * leveling) add an option below and a branch in `run`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type NetworkInput, NetworkValidationError, ScheduleCycleError } from '@baton/scheduling';
import { runCpm } from './cpm-mode.js';

export const USAGE = `Usage: npm run schedule -- <input.json | ->

Reads a network { "tasks": [...], "dependencies": [...] } (working-day offsets from day 0) from the
file, or from stdin for "-", and prints { "projectFinish", "tasks": [...] } on stdout.

  -h, --help   show this text

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
} as const;

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

    const input = await readNetwork(positionals[0], io);
    const output = runCpm(input);
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
    if (error instanceof NetworkValidationError) {
      io.stderr(`schedule: invalid input at ${error.field}: ${error.reason}\n`);
      return EXIT.invalidInput;
    }
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  process.exitCode = await run(process.argv.slice(2), {
    readStdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
