// CPU accounting for bench:gateway: how many CPU milliseconds each part of the path spends per
// request. Unlike requests/s, this hardly depends on what else the machine is doing, so it is the
// figure to compare between runs and commits. Linux only (/proc); elsewhere the figures are absent.
import { readdir, readFile } from 'node:fs/promises';

/** A named set of processes whose CPU time is summed (a service, Postgres backends, nats-server). */
export interface CpuProbe {
  name: string;
  pids(): Promise<number[]>;
}

/** user + system CPU of one process so far, in ms; undefined once it is gone */
async function processCpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** CPU ms of each process of the probe, by pid */
async function sample(probe: CpuProbe): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of await probe.pids()) {
    const ms = await processCpuMs(pid);
    if (ms !== undefined) out.set(pid, ms);
  }
  return out;
}

/** pids whose /proc/<pid>/cmdline passes `test` (arguments joined by spaces) */
export async function pidsWhere(test: (cmdline: string) => boolean): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline && test(cmdline.replace(/\0/g, ' ').trim())) pids.push(Number(entry));
  }
  return pids;
}

/** The Postgres backends serving `database` (their process titles name it). */
export const postgresBackends = (database: string): CpuProbe => ({
  name: 'postgres',
  pids: () => pidsWhere((c) => c.startsWith('postgres: ') && c.split(' ').includes(database)),
});

/** Every nats-server on the machine (the bench's own, or the shared one NATS_URL names). */
export const natsServers: CpuProbe = {
  name: 'nats-server',
  pids: () => pidsWhere((c) => /(^|\/)nats-server( |$)/.test(c)),
};

export const processProbe = (name: string, pid: number | undefined): CpuProbe => ({
  name,
  pids: async () => (pid === undefined ? [] : [pid]),
});

/**
 * CPU ms per request of each probe while `run` runs: the CPU each spent in that interval divided
 * by the requests `run` reports. A process that ends inside the interval is missed (the minimal
 * server keeps its connections open for that reason).
 */
export async function cpuPerRequest<T extends { requests: number }>(
  probes: CpuProbe[],
  run: () => Promise<T>,
): Promise<{ measured: T; cpuMsPerRequest: Record<string, number> }> {
  const before = await Promise.all(probes.map(sample));
  const measured = await run();
  const after = await Promise.all(probes.map(sample));
  const cpuMsPerRequest: Record<string, number> = {};
  probes.forEach((probe, i) => {
    let spent = 0;
    let seen = false;
    for (const [pid, end] of after[i]!) {
      // a process that started inside the interval (a new database connection) spent all of its CPU in it
      spent += end - (before[i]!.get(pid) ?? 0);
      seen = true;
    }
    if (seen && measured.requests > 0)
      cpuMsPerRequest[probe.name] = Math.round((spent / measured.requests) * 1000) / 1000;
  });
  return { measured, cpuMsPerRequest };
}
