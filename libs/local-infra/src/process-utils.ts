import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';

export type LogFn = (line: string) => void;

/** Keeps the last `size` lines a child process wrote, to show when it fails to start. */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly size = 40) {}

  push(chunk: string): void {
    for (const line of chunk.split(/\r?\n/)) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > this.size) this.lines.shift();
    }
  }

  toString(): string {
    return this.lines.map((l) => `  ${l}`).join('\n');
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** True while `child` has neither exited nor been killed by a signal. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * Sends `signal`, waits up to `graceMs` for the exit, then SIGKILLs. Resolves once the process
 * is gone, so callers can rely on "stopped" meaning stopped.
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
  );
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer); // a pending timer would keep the event loop (and e.g. Jest) alive
  if (outcome === 'timeout' && isRunning(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** True if `pid` is alive and its command line mentions `name` (guards against reused pids). */
export async function isProcessNamed(pid: number, name: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(name);
  } catch {
    // No /proc (macOS): we cannot tell what the pid is, so do not touch it.
    return false;
  }
}

/** Signals `pid` and waits (polling) until it is gone, SIGKILLing after `graceMs`. */
export async function stopPid(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while ((await isAlive(pid)) && Date.now() < deadline) await sleep(100);
  if (!(await isAlive(pid))) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // gone in the meantime
  }
  for (let i = 0; i < 50 && (await isAlive(pid)); i++) await sleep(100);
}

/**
 * kill(pid, 0) also succeeds for a zombie: a process that has exited but whose parent (for an
 * orphan, whatever init this machine has) has not reaped it yet. A zombie counts as gone.
 */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Format: "pid (comm) state ..."; comm may contain spaces, so split after the last ')'.
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/**
 * Resolves once a TCP connection to host:port succeeds and the server sends its first bytes
 * (a NATS server greets with `INFO {...}`), or rejects after `timeoutMs`.
 */
export async function waitForGreeting(
  host: string,
  port: number,
  timeoutMs: number,
  abort?: () => string | undefined,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = abort?.();
    if (why) throw new Error(why);
    const greeting = await readGreeting(host, port).catch(() => undefined);
    if (greeting) return greeting;
    if (Date.now() > deadline) throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

function readGreeting(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('utf8'));
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed')));
  });
}
