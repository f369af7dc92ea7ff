// Turns the pino JSON lines the services print into short, readable lines:
//   planning  | INFO  project created projectId=8c1… tenantId=0f1e…
// Lines that are not JSON objects (a stack trace printed before the logger existed, Node
// warnings) pass through unchanged.
import { hostname } from 'node:os';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every pino line carries, or that the prefix already says. */
const HIDDEN = new Set([
  'level',
  'levelName',
  'time',
  'msg',
  'pid',
  'hostname',
  'v',
  'span_id',
  'trace_flags',
]);

/** Everything runs on this machine: a `host` field naming it says nothing. */
const THIS_HOST = hostname();

/** Longest value printed for one field, so a request dump does not flood the terminal. */
const MAX_VALUE = 200;

const ANSI = {
  reset: '\x1b[0m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  colours: ['\x1b[36m', '\x1b[35m', '\x1b[34m', '\x1b[33m', '\x1b[32m', '\x1b[96m', '\x1b[95m', '\x1b[94m'],
};

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: NodeJS.WriteStream = process.stdout, env = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** `planning  | ` with the name padded to `width`, coloured per service (index) if asked. */
export function prefix(name: string, width: number, index: number, colour: boolean): string {
  const text = `${name.padEnd(width)} | `;
  return colour ? `${ANSI.colours[index % ANSI.colours.length]}${text}${ANSI.reset}` : text;
}

/**
 * Formats one line a service printed. Returns one or more lines (an error's stack follows on
 * lines of its own), without the service prefix.
 */
export function formatLogLine(line: string, service: string, colour: boolean): string[] {
  const entry = parseJsonObject(line);
  if (!entry) return [line];
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const parts = [paintLevel(levelName(level).padEnd(5), level, colour)];
  if (typeof entry.context === 'string') parts.push(`[${entry.context}]`);
  if (entry.msg !== undefined) parts.push(String(entry.msg));
  const stack: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (HIDDEN.has(key) || key === 'context') continue;
    if ((key === 'service' || key === 'name') && value === service) continue;
    if (key === 'host' && value === THIS_HOST) continue;
    if (key === 'err' || key === 'error') {
      const { summary, stackLines } = describeError(value);
      parts.push(`${key}=${summary}`);
      if (level >= 50) stack.push(...stackLines);
      continue;
    }
    parts.push(`${key}=${formatValue(value)}`);
  }
  return [parts.join(' '), ...stack.map((l) => (colour ? `${ANSI.dim}    ${l}${ANSI.reset}` : `    ${l}`))];
}

export function levelName(level: number): string {
  return LEVELS[level] ?? `L${level}`;
}

function paintLevel(text: string, level: number, colour: boolean): string {
  if (!colour) return text;
  if (level >= 50) return `${ANSI.red}${text}${ANSI.reset}`;
  if (level >= 40) return `${ANSI.yellow}${text}${ANSI.reset}`;
  if (level < 30) return `${ANSI.dim}${text}${ANSI.reset}`;
  return text;
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** pino serialises errors as { type, message, stack, ...extra }. */
function describeError(value: unknown): { summary: string; stackLines: string[] } {
  if (!value || typeof value !== 'object') return { summary: formatValue(value), stackLines: [] };
  const err = value as { type?: string; message?: string; stack?: string; code?: unknown };
  const summary = formatValue(
    `${err.type ?? 'Error'}: ${err.message ?? ''}${err.code ? ` (${String(err.code)})` : ''}`,
  );
  // The stack's first line repeats type and message.
  const stackLines =
    typeof err.stack === 'string'
      ? err.stack
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
      : [];
  return { summary, stackLines };
}

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
