/**
 * A parser for PSPLIB single-mode instances (`.sm`, Kolisch & Sprecher 1996): text in, a
 * {@link LevelingProblem} out (no file access here). Job numbers become task ids ("1" … "n"), the
 * renewable resources "R1" … "Rk"; job 1 and job n are the zero-duration source and sink.
 */
import type { LevelingDependency, LevelingProblem, LevelingTask } from './problem.js';

export interface PsplibInstance {
  readonly problem: LevelingProblem;
  /** Jobs including the dummy source and sink. */
  readonly jobs: number;
  /** `MPM-Time` of the file: the critical-path length. */
  readonly mpmTime: number;
  readonly horizon: number;
}

export function parsePsplib(text: string): PsplibInstance {
  const lines = text.split(/\r?\n/);
  const numbers = (line: string): number[] => (line.match(/-?\d+/g) ?? []).map(Number);
  const headerValue = (label: RegExp): number => {
    const line = lines.find((l) => label.test(l));
    if (line === undefined) throw new Error(`PSPLIB: missing "${label.source}"`);
    const v = numbers(line.slice(line.indexOf(':') + 1))[0];
    if (v === undefined) throw new Error(`PSPLIB: no value for "${label.source}"`);
    return v;
  };
  const section = (title: string): number => {
    const i = lines.findIndex((l) => l.startsWith(title));
    if (i < 0) throw new Error(`PSPLIB: missing section ${title}`);
    return i;
  };
  const jobs = headerValue(/^jobs \(incl/);
  const horizon = headerValue(/^horizon/);
  const renewable = headerValue(/^\s*- renewable/);

  const info = section('PROJECT INFORMATION');
  const mpmTime = numbers(lines[info + 2])[5];

  const dependencies: LevelingDependency[] = [];
  const prec = section('PRECEDENCE RELATIONS');
  for (let k = 0; k < jobs; k++) {
    const [job, , count, ...succ] = numbers(lines[prec + 2 + k]);
    if (succ.length !== count)
      throw new Error(`PSPLIB: job ${job} lists ${succ.length} successors, expected ${count}`);
    for (const s of succ) dependencies.push({ from: String(job), to: String(s) });
  }

  const req = section('REQUESTS/DURATIONS');
  const tasks: LevelingTask[] = [];
  for (let k = 0; k < jobs; k++) {
    const [job, , duration, ...demand] = numbers(lines[req + 3 + k]);
    const demands: Record<string, number> = {};
    for (let r = 0; r < renewable; r++) if (demand[r] > 0) demands[`R${r + 1}`] = demand[r];
    tasks.push({ id: String(job), duration, demands });
  }

  const avail = section('RESOURCEAVAILABILITIES');
  const caps = numbers(lines[avail + 2]);
  const resources = Array.from({ length: renewable }, (_, r) => ({ id: `R${r + 1}`, capacity: caps[r] }));
  if (caps.length < renewable) throw new Error('PSPLIB: missing resource availabilities');
  return { problem: { resources, tasks, dependencies }, jobs, mpmTime, horizon };
}
