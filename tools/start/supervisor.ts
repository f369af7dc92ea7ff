// Runs one OS process per service, restarts the ones that die, and stops them all on request.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface SupervisorEvents {
  /** A line the service printed (stdout or stderr). */
  line(service: string, line: string, stream: 'stdout' | 'stderr'): void;
  /** Something the supervisor wants to say about a service (started, exited, restarting). */
  notice(service: string, message: string): void;
  /** A service process was spawned (first start or restart). */
  spawned?(service: string, pid: number): void;
}

/** Delay before the n-th restart (n = 0 for the first): 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function backoffMs(restart: number): number {
  return Math.min(1000 * 2 ** restart, 10_000);
}

/** A service that stayed up this long is healthy again: its next crash restarts after 1 s. */
const STABLE_AFTER_MS = 30_000;
/** How long a service gets to finish after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;
/** Lines kept per service, shown when start-up fails. */
const TAIL_LINES = 15;

interface Running {
  spec: ServiceSpec;
  child?: ChildProcess;
  exited?: Promise<void>;
  startedAt: number;
  restarts: number;
  restartTimer?: NodeJS.Timeout;
  tail: string[];
}

export class Supervisor {
  private readonly services = new Map<string, Running>();
  private stopping = false;

  constructor(
    specs: ServiceSpec[],
    private readonly events: SupervisorEvents,
  ) {
    for (const spec of specs) this.services.set(spec.name, { spec, startedAt: 0, restarts: 0, tail: [] });
    // Last resort if the launcher dies without stop(): services run detached, so they would
    // otherwise outlive it. 'exit' handlers must be synchronous, hence SIGKILL.
    process.once('exit', () => this.killAll());
  }

  startAll(): void {
    for (const service of this.services.values()) this.spawn(service);
  }

  /** The last lines a service printed. */
  recentLines(name: string): string[] {
    return [...(this.services.get(name)?.tail ?? [])];
  }

  /** SIGTERM to every service, SIGKILL to those still there after 10 s; resolves when all are gone. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.services.values()].map((s) => this.stopOne(s)));
  }

  /** Immediate SIGKILL of everything, for a second Ctrl-C or a dying launcher. */
  killAll(): void {
    this.stopping = true;
    for (const s of this.services.values()) {
      clearTimeout(s.restartTimer);
      if (s.child) signalGroup(s.child, 'SIGKILL');
    }
  }

  private spawn(service: Running): void {
    const { spec } = service;
    // detached: its own process group, so a Ctrl-C in the terminal reaches only the launcher,
    // which then stops services in order (services before NATS and Postgres) instead of all
    // processes at once.
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    service.child = child;
    service.startedAt = Date.now();
    service.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.pipeLines(service, child.stdout!, 'stdout');
    this.pipeLines(service, child.stderr!, 'stderr');
    child.once('error', (err) => this.events.notice(spec.name, `could not start: ${err.message}`));
    child.once('exit', (code, signal) => this.onExit(service, child, code, signal));
    if (child.pid) {
      this.events.notice(spec.name, `started (pid ${child.pid})`);
      this.events.spawned?.(spec.name, child.pid);
    }
  }

  private pipeLines(service: Running, stream: NodeJS.ReadableStream, kind: 'stdout' | 'stderr'): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      service.tail.push(line);
      if (service.tail.length > TAIL_LINES) service.tail.shift();
      this.events.line(service.spec.name, line, kind);
    });
  }

  private onExit(
    service: Running,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (service.child !== child) return;
    service.child = undefined;
    if (this.stopping) return;
    if (Date.now() - service.startedAt >= STABLE_AFTER_MS) service.restarts = 0;
    const delay = backoffMs(service.restarts++);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.events.notice(
      service.spec.name,
      `${how}; restarting in ${delay / 1000} s (restart #${service.restarts})`,
    );
    service.restartTimer = setTimeout(() => {
      service.restartTimer = undefined;
      if (!this.stopping) this.spawn(service);
    }, delay);
  }

  private async stopOne(service: Running): Promise<void> {
    clearTimeout(service.restartTimer);
    const { child, exited } = service;
    if (!child || !exited) return;
    signalGroup(child, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), STOP_GRACE_MS)));
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.events.notice(
        service.spec.name,
        `still running ${STOP_GRACE_MS / 1000} s after SIGTERM; killing it`,
      );
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  }
}

/** Signals the service's whole process group (it leads one: detached), so helpers it forked go too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // group already gone or not ours: the process itself
  }
}
