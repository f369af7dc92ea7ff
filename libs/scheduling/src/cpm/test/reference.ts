/**
 * A deliberately naive CPM for the property tests: per-task objects, the four relation formulas
 * written out on start/finish dates, and repeated relaxation of every dependency until nothing
 * changes. Quadratic and slow, but easy to check by eye against the rules of issue 3.
 */
import type { NetworkInput, TaskInput } from '../types.js';

export interface ReferenceTask {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  totalFloat: number;
  freeFloat: number;
  critical: boolean;
  late: boolean;
}

export interface ReferenceSchedule {
  projectFinish: number;
  tasks: ReferenceTask[];
}

type Kind = 'finished' | 'started' | 'mso' | 'free';

function kindOf(task: TaskInput): Kind {
  if (task.progress?.actualFinish !== undefined) return 'finished';
  if (task.progress?.actualStart !== undefined) return 'started';
  return task.constraint?.type === 'MSO' ? 'mso' : 'free';
}

/** Returns undefined when relaxation never settles (a cycle). */
export function referenceSchedule(input: NetworkInput): ReferenceSchedule | undefined {
  const status = input.statusDay ?? 0;
  const tasks = input.tasks;
  const at = new Map(tasks.map((t, i) => [t.id, i]));
  const deps = input.dependencies.map((d) => ({
    p: at.get(d.from)!,
    s: at.get(d.to)!,
    type: d.type ?? 'FS',
    lag: d.lag ?? 0,
  }));
  const kind = tasks.map(kindOf);
  const es = tasks.map(() => 0);
  const ef = tasks.map(() => 0);

  const forwardOnce = (): boolean => {
    let changed = false;
    tasks.forEach((t, i) => {
      let start: number;
      let finish: number;
      const pr = t.progress ?? {};
      if (kind[i] === 'finished') {
        start = pr.actualStart ?? Math.max(0, pr.actualFinish! - t.duration);
        finish = pr.actualFinish!;
      } else if (kind[i] === 'started') {
        start = pr.actualStart!;
        const resume = Math.max(start, status);
        finish = resume + (pr.remainingDuration ?? Math.max(0, t.duration - (resume - start)));
      } else {
        const d = pr.remainingDuration ?? t.duration;
        if (kind[i] === 'mso') start = t.constraint!.day;
        else {
          start = Math.max(0, status, t.constraint?.type === 'SNET' ? t.constraint.day : 0);
          for (const dep of deps) {
            if (dep.s !== i) continue;
            if (dep.type === 'FS') start = Math.max(start, ef[dep.p] + dep.lag);
            if (dep.type === 'SS') start = Math.max(start, es[dep.p] + dep.lag);
            if (dep.type === 'FF') start = Math.max(start, ef[dep.p] + dep.lag - d);
            if (dep.type === 'SF') start = Math.max(start, es[dep.p] + dep.lag - d);
          }
        }
        finish = start + d;
      }
      if (start !== es[i] || finish !== ef[i]) changed = true;
      es[i] = start;
      ef[i] = finish;
    });
    return changed;
  };
  let rounds = 0;
  while (forwardOnce()) if (++rounds > tasks.length + 1) return undefined;

  const projectFinish = Math.max(0, ...ef);
  const lateEnd = input.projectDeadline ?? projectFinish;
  const ls = tasks.map(() => Infinity);
  const lf = tasks.map(() => Infinity);
  const backwardOnce = (): boolean => {
    let changed = false;
    tasks.forEach((t, i) => {
      const d = ef[i] - es[i];
      let finish: number;
      if (kind[i] === 'finished') finish = ef[i];
      else if (kind[i] === 'mso') finish = t.constraint!.day + d;
      else {
        finish = lateEnd;
        if (t.constraint?.type === 'FNLT') finish = Math.min(finish, t.constraint.day);
        if (t.deadline !== undefined) finish = Math.min(finish, t.deadline);
        for (const dep of deps) {
          if (dep.p !== i || kind[dep.s] === 'finished') continue;
          if (dep.type === 'FS') finish = Math.min(finish, ls[dep.s] - dep.lag);
          if (dep.type === 'SS') finish = Math.min(finish, ls[dep.s] - dep.lag + d);
          if (dep.type === 'FF') finish = Math.min(finish, lf[dep.s] - dep.lag);
          if (dep.type === 'SF') finish = Math.min(finish, lf[dep.s] - dep.lag + d);
        }
      }
      if (finish !== lf[i]) changed = true;
      lf[i] = finish;
      ls[i] = finish - d;
    });
    return changed;
  };
  while (backwardOnce());

  return {
    projectFinish,
    tasks: tasks.map((t, i) => {
      let freeFloat = projectFinish - ef[i];
      for (const dep of deps) {
        if (dep.p !== i || kind[dep.s] === 'finished') continue;
        if (dep.type === 'FS') freeFloat = Math.min(freeFloat, es[dep.s] - dep.lag - ef[i]);
        if (dep.type === 'SS') freeFloat = Math.min(freeFloat, es[dep.s] - dep.lag - es[i]);
        if (dep.type === 'FF') freeFloat = Math.min(freeFloat, ef[dep.s] - dep.lag - ef[i]);
        if (dep.type === 'SF') freeFloat = Math.min(freeFloat, ef[dep.s] - dep.lag - es[i]);
      }
      const finished = kind[i] === 'finished';
      const bound = Math.min(
        t.deadline ?? Infinity,
        t.constraint?.type === 'FNLT' ? t.constraint.day : Infinity,
        input.projectDeadline ?? Infinity,
      );
      return {
        id: t.id,
        earlyStart: es[i],
        earlyFinish: ef[i],
        lateStart: ls[i],
        lateFinish: lf[i],
        totalFloat: ls[i] - es[i],
        freeFloat: finished ? 0 : freeFloat,
        critical: !finished && ls[i] - es[i] <= 0,
        late: ef[i] > bound,
      };
    }),
  };
}
