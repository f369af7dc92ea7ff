import type { LevelingChange, LevelingSkip } from '@baton/contracts';
import {
  levelSchedule,
  WorkingCalendar,
  type LevelingDependency,
  type LevelingProblem,
  type LevelingTask,
} from '@baton/scheduling';
import type { ProjectNetwork } from './planning-reader.js';

/** An approved assignment on a task of the project: `units` % of the person a day. */
export interface TaskDemand {
  taskId: string;
  personId: string;
  units: number;
}

export interface LevelingPlan {
  changes: LevelingChange[];
  skipped: LevelingSkip[];
  makespanBefore: number;
  makespanAfter: number;
  lowerBound: number;
  schedulesEvaluated: number;
  resources: number;
}

/** a problem the run cannot level: `field` names what is wrong */
export class LevelingInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const CAPACITY = 100;
const RELEASE = 'release:';

/**
 * Levels one project's open work tasks against the people assigned to them. Pure: planning's
 * network and the approved demands in, a proposal out.
 *
 * - Work tasks that have not started and carry no pinning constraint (MSO, FNLT) take part; summary
 *   tasks, started or finished tasks and pinned tasks stay where they are (listed in `skipped`).
 * - Tasks are only ever delayed: each one is released at its current start (a zero-demand
 *   predecessor as long as that offset), so whatever planning's constraints and cross-project
 *   links already require still holds.
 * - Finish-to-start links between taking-part tasks, with their lags, are kept; other link types
 *   between them cannot be expressed to the leveling engine and are refused.
 * - Each person is a renewable resource of 100% a day (more when one assignment alone asks more).
 */
export function planLeveling(network: ProjectNetwork, demands: TaskDemand[], budgetMs: number): LevelingPlan {
  const { project, calendar, tasks, dependencies } = network;
  if (!project.startDate)
    throw new LevelingInputError(
      'projectId',
      'the project has no start date, so its tasks have no dates to level',
    );
  const cal = new WorkingCalendar(
    calendar
      ? {
          workingWeekdays: calendar.workingDays,
          holidays: calendar.holidays,
          exceptions: calendar.exceptions,
        }
      : {},
    project.startDate,
  );

  const skipped: LevelingSkip[] = [];
  const open = new Map<string, { offset: number; duration: number; name: string; wbsCode: string }>();
  let makespanBefore = 0;
  /** where the tasks that stay put finish */
  let fixedFinish = 0;
  for (const t of tasks) {
    if (t.kind === 'summary' || !t.start) continue;
    const offset = cal.offsetOf(t.start);
    makespanBefore = Math.max(makespanBefore, offset + t.duration);
    const reason =
      t.actualStart || t.actualFinish || t.percentComplete > 0
        ? 'started or finished'
        : t.constraintType === 'MSO' || t.constraintType === 'FNLT'
          ? `pinned by ${t.constraintType}`
          : null;
    if (reason) {
      skipped.push({ taskId: t.id, reason });
      fixedFinish = Math.max(fixedFinish, offset + t.duration);
    } else open.set(t.id, { offset, duration: t.duration, name: t.name, wbsCode: t.wbsCode });
  }

  const links: LevelingDependency[] = [];
  dependencies.forEach((d) => {
    if (!open.has(d.predecessorId) || !open.has(d.successorId)) return;
    if (d.type !== 'FS') {
      throw new LevelingInputError(
        `dependencies.${d.id}`,
        `leveling keeps finish-to-start links only; ${d.type} link ${d.id} joins two open tasks`,
      );
    }
    links.push({ from: d.predecessorId, to: d.successorId, lag: d.lag });
  });

  const byTask = new Map<string, Record<string, number>>();
  for (const d of demands) {
    if (!open.has(d.taskId)) continue;
    const task = byTask.get(d.taskId) ?? {};
    task[d.personId] = (task[d.personId] ?? 0) + d.units;
    byTask.set(d.taskId, task);
  }
  const capacity = new Map<string, number>();
  for (const task of byTask.values())
    for (const [p, u] of Object.entries(task)) capacity.set(p, Math.max(capacity.get(p) ?? CAPACITY, u));

  const releases = new Set<number>();
  const levelTasks: LevelingTask[] = [];
  for (const [id, t] of open) {
    levelTasks.push({ id, duration: t.duration, demands: byTask.get(id) ?? {} });
    if (t.offset > 0) {
      releases.add(t.offset);
      links.push({ from: `${RELEASE}${t.offset}`, to: id });
    }
  }
  for (const r of releases) levelTasks.push({ id: `${RELEASE}${r}`, duration: r });

  const problem: LevelingProblem = {
    resources: [...capacity].map(([id, c]) => ({ id, capacity: c })),
    tasks: levelTasks,
    dependencies: links,
  };
  const result = levelSchedule(problem, { budgetMs, seed: 1 });

  const changes: LevelingChange[] = [];
  result.tasks.forEach((s) => {
    const t = open.get(s.id);
    if (!t || s.start <= t.offset) return;
    const dates = cal.taskDates(s.start, s.start + t.duration);
    changes.push({
      taskId: s.id,
      name: t.name,
      wbsCode: t.wbsCode,
      currentStart: cal.dateOf(t.offset),
      proposedStart: dates.start,
      proposedFinish: dates.finish,
      delayDays: s.start - t.offset,
    });
  });
  changes.sort(
    (a, b) => a.proposedStart.localeCompare(b.proposedStart) || a.wbsCode.localeCompare(b.wbsCode),
  );
  return {
    changes,
    skipped,
    makespanBefore,
    makespanAfter: Math.max(fixedFinish, result.makespan),
    lowerBound: result.lowerBound,
    schedulesEvaluated: result.schedulesEvaluated,
    resources: capacity.size,
  };
}
