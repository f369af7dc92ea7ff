import { freePort, stopChild } from '@baton/local-infra';
import { build } from '../../../build.mjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../../start/node-flags.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const ALL_SERVICES = [
  'gateway',
  'planning',
  'resources',
  'budget',
  'risk',
  'quality',
  'reporting',
] as const;

export async function buildAll(): Promise<void> {
  await build({ quiet: true });
}

/** One built service running as its own OS process, as `npm start` and Kubernetes run it. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];

  constructor(
    readonly service: string,
    private readonly env: Record<string, string>,
    private readonly args: string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    const child = spawn(
      process.execPath,
      [...SERVICE_NODE_FLAGS, join(root, `dist/services/${this.service}/src/main.js`), ...this.args],
      {
        env: { PATH: process.env.PATH ?? '', ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (c: Buffer) => this.stdout.push(...c.toString().split('\n').filter(Boolean)));
    child.stderr!.on('data', (c: Buffer) => this.stderr.push(...c.toString().split('\n').filter(Boolean)));
    this.exit = new Promise((r) => child.once('exit', (code) => r(code)));
    this.child = child;
    return this;
  }

  /** the exit code once the process ends by itself (e.g. `migrate`, a configuration error) */
  exited(): Promise<number | null> {
    return this.exit ?? Promise.resolve(null);
  }

  /** SIGTERM (graceful) or SIGKILL (a crash); the exit code once the process is gone (null if killed) */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child) await stopChild(this.child, signal, 10_000);
    return this.exited();
  }
}

/** The seven services on a test environment's database and subject prefix, the gateway on a free port. */
export async function startPlatform(baseEnv: Record<string, string>, signingKey: string) {
  const port = await freePort();
  const processes = new Map<string, ServiceProcess>();
  for (const service of ALL_SERVICES) {
    const extra: Record<string, string> =
      service === 'gateway'
        ? { PORT: String(port), HOST: '127.0.0.1', AUTH_DEV_MODE: 'true', AUTH_DEV_SIGNING_KEY: signingKey }
        : {};
    const p = new ServiceProcess(service, { ...baseEnv, ...extra });
    p.start();
    processes.set(service, p);
  }
  return { url: `http://127.0.0.1:${port}`, processes };
}
