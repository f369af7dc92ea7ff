import type { ConstraintType, DependencyType, TaskKind } from '@baton/contracts';
import {
  compileNetwork,
  computeSchedule,
  type Schedule,
  type TaskInput,
  type DependencyInput,
} from '@baton/scheduling';
import type { Timeline } from '../calendar/timeline.js';

/** One task as the reschedule path loads it: its inputs and its last computed values. */
export interface TaskRow {
  id: string;
  parent_id: string | null;
  depth: number;
  kind: TaskKind;
  name: string;
  wbs: string;
  duration: number;
  effort: string | null;
  constraint_type: ConstraintType | null;
  constraint_date: string | null;
  deadline: string | null;
  percent_complete: number;
  actual_start: string | null;
  actual_finish: string | null;
  remaining_duration: number | null;
  early_start: number | null;
  early_finish: number | null;
  late_start: number | null;
  late_finish: number | null;
  total_float: number | null;
  free_float: number | null;
  critical: boolean;
  late: boolean;
  milestone_state: string | null;
}

export interface DependencyRow {
  predecessor_id: string;
  successor_id: string;
  type: DependencyType;
  lag: number;
}

/** A dependency from a task of another project, with that task's dates already mapped to this project's offsets. */
export interface ExternalBound {
  successor_id: string;
  type: DependencyType;
  lag: number;
  /** the predecessor's start and (exclusive) finish in this project's working-day offsets */
  start: number;
  finish: number;
}

export interface ScheduleSettings {
  timeline: Timeline;
  statusDate: string | null;
  deadline: string | null;
}

/** The computed values of one task, in the columns' order. */
export interface Computed {
  es: number | null;
  ef: number | null;
  ls: number | null;
  lf: number | null;
  tf: number | null;
  ff: number | null;
  critical: boolean;
  late: boolean;
}

export interface RollUp {
  duration: number;
  effort: string | null;
  percent: number;
  actualStart: string | null;
  actualFinish: string | null;
}

export interface MilestoneTransition {
  row: TaskRow;
  state: 'achieved' | 'missed';
  reason: 'achieved' | 'deadline-missed' | 'status-date-passed';
}

export interface ComputeResult {
  computed: Computed[];
  /** indices of rows whose computed values differ from the stored ones */
  changed: number[];
  /** summary rows whose rolled-up fields differ: index → values */
  rollUps: Map<number, RollUp>;
  milestones: MilestoneTransition[];
  milestoneStates: Map<number, string | null>;
  /** offset of the project's last working day (the finish date) */
  finishOffset: number | null;
  criticalCount: number;
  lateCount: number;
  /** critical work tasks (not summaries), for the response */
  schedule: Schedule | null;
}

const isLeaf = (r: TaskRow) => r.kind !== 'summary';

/**
 * Schedules one project's leaf tasks with the CPM engine (summary tasks take their dates from
 * their children), then rolls the summaries up, and reports what changed against the stored
 * values. Dates become offsets on the project's timeline; external predecessors enter as
 * zero-duration anchors fixed on their day, linked with the dependency's own type and lag.
 * Throws the engine's ScheduleCycleError / NetworkValidationError.
 */
export function computeProjectSchedule(
  rows: TaskRow[],
  deps: DependencyRow[],
  external: ExternalBound[],
  s: ScheduleSettings,
): ComputeResult {
  const t = s.timeline;
  const statusDay = s.statusDate ? Math.max(0, t.finishOffset(s.statusDate)) : undefined;
  const index = new Map<string, number>();
  rows.forEach((r, i) => index.set(r.id, i));

  const tasks: TaskInput[] = [];
  const taskRow: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!isLeaf(r)) continue;
    const input: TaskInput = { id: r.id, duration: r.duration };
    if (r.constraint_type && r.constraint_date) {
      const day =
        r.constraint_type === 'FNLT' ? t.finishOffset(r.constraint_date) : t.startOffset(r.constraint_date);
      input.constraint = { type: r.constraint_type, day: Math.max(0, day) };
    }
    if (r.deadline) input.deadline = Math.max(0, t.finishOffset(r.deadline));
    if (r.actual_start || r.actual_finish || r.remaining_duration !== null) {
      input.progress = {
        ...(r.actual_start ? { actualStart: Math.max(0, t.startOffset(r.actual_start)) } : {}),
        ...(r.actual_finish ? { actualFinish: Math.max(0, t.finishOffset(r.actual_finish)) } : {}),
        ...(r.remaining_duration !== null ? { remainingDuration: r.remaining_duration } : {}),
      };
    }
    tasks.push(input);
    taskRow.push(i);
  }
  const dependencies: DependencyInput[] = deps.map((d) => ({
    from: d.predecessor_id,
    to: d.successor_id,
    type: d.type,
    lag: d.lag,
  }));
  external.forEach((x, k) => {
    const reads = x.type === 'FS' || x.type === 'FF' ? x.finish : x.start;
    const id = `external:${k}`;
    tasks.push({ id, duration: 0, constraint: { type: 'MSO', day: Math.max(0, reads) } });
    dependencies.push({ from: id, to: x.successor_id, type: x.type, lag: x.lag });
  });

  const computed: Computed[] = rows.map(() => ({
    es: null,
    ef: null,
    ls: null,
    lf: null,
    tf: null,
    ff: null,
    critical: false,
    late: false,
  }));
  let schedule: Schedule | null = null;
  if (tasks.length > 0) {
    schedule = computeSchedule(
      compileNetwork({
        tasks,
        dependencies,
        ...(statusDay !== undefined ? { statusDay } : {}),
        ...(s.deadline ? { projectDeadline: Math.max(0, t.finishOffset(s.deadline)) } : {}),
      }),
    );
    for (let k = 0; k < taskRow.length; k++) {
      computed[taskRow[k]!] = {
        es: schedule.earlyStart[k]!,
        ef: schedule.earlyFinish[k]!,
        ls: schedule.lateStart[k]!,
        lf: schedule.lateFinish[k]!,
        tf: schedule.totalFloat[k]!,
        ff: schedule.freeFloat[k]!,
        critical: schedule.critical[k] === 1,
        late: schedule.late[k] === 1,
      };
    }
  }

  const rollUps = rollUpSummaries(rows, computed, index);
  const changed: number[] = [];
  let criticalCount = 0;
  let lateCount = 0;
  let finishOffset: number | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const c = computed[i]!;
    if (
      c.es !== r.early_start ||
      c.ef !== r.early_finish ||
      c.ls !== r.late_start ||
      c.lf !== r.late_finish ||
      c.tf !== r.total_float ||
      c.ff !== r.free_float ||
      c.critical !== r.critical ||
      c.late !== r.late
    ) {
      changed.push(i);
    }
    if (isLeaf(r)) {
      if (c.critical) criticalCount++;
      if (c.late) lateCount++;
      // the last working day of work (a milestone: its own day), as the finish date shows it
      const last = c.es === null || c.ef === null ? null : c.ef > c.es ? c.ef - 1 : c.es;
      if (last !== null && (finishOffset === null || last > finishOffset)) finishOffset = last;
    }
  }
  const { transitions, states } = milestoneTransitions(rows, computed, s, statusDay);
  return {
    computed,
    changed,
    rollUps,
    milestones: transitions,
    milestoneStates: states,
    finishOffset,
    criticalCount,
    lateCount,
    schedule,
  };
}

/** Summaries, deepest first: dates span their children, floats are the least, progress is duration-weighted. */
function rollUpSummaries(
  rows: TaskRow[],
  computed: Computed[],
  index: Map<string, number>,
): Map<number, RollUp> {
  const children = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!.parent_id;
    if (p === null) continue;
    const pi = index.get(p);
    if (pi === undefined) continue;
    let list = children.get(pi);
    if (!list) children.set(pi, (list = []));
    list.push(i);
  }
  const summaries = [...children.keys()].sort((a, b) => rows[b]!.depth - rows[a]!.depth);
  const rolled = new Map<number, RollUp>();
  const out = new Map<number, RollUp>();
  for (const si of summaries) {
    const kids = children.get(si)!;
    const c: Computed = {
      es: null,
      ef: null,
      ls: null,
      lf: null,
      tf: null,
      ff: null,
      critical: false,
      late: false,
    };
    let effort: number | null = null;
    let weighted = 0;
    let weight = 0;
    let plain = 0;
    let actualStart: string | null = null;
    let allFinished = true;
    let actualFinish: string | null = null;
    for (const k of kids) {
      const kc = computed[k]!;
      const kr = rows[k]!;
      const ru = rolled.get(k);
      const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
      const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
      c.es = min(c.es, kc.es);
      c.ef = max(c.ef, kc.ef);
      c.ls = min(c.ls, kc.ls);
      c.lf = max(c.lf, kc.lf);
      c.tf = min(c.tf, kc.tf);
      c.ff = min(c.ff, kc.ff);
      c.critical ||= kc.critical;
      c.late ||= kc.late;
      const e = ru ? ru.effort : kr.effort;
      if (e !== null) effort = (effort ?? 0) + Number(e);
      const d = ru ? ru.duration : kr.duration;
      const p = ru ? ru.percent : kr.percent_complete;
      weighted += p * d;
      weight += d;
      plain += p;
      const as = ru ? ru.actualStart : kr.actual_start;
      if (as && (!actualStart || as < actualStart)) actualStart = as;
      const af = ru ? ru.actualFinish : kr.actual_finish;
      if (!af) allFinished = false;
      else if (!actualFinish || af > actualFinish) actualFinish = af;
    }
    computed[si] = c;
    const r: RollUp = {
      duration: c.es !== null && c.ef !== null ? c.ef - c.es : 0,
      effort: effort === null ? null : effort.toFixed(2),
      percent: Math.round(weight > 0 ? weighted / weight : plain / kids.length),
      actualStart,
      actualFinish: allFinished ? actualFinish : null,
    };
    rolled.set(si, r);
    const row = rows[si]!;
    if (
      row.duration !== r.duration ||
      (row.effort === null ? null : Number(row.effort).toFixed(2)) !== r.effort ||
      row.percent_complete !== r.percent ||
      row.actual_start !== r.actualStart ||
      row.actual_finish !== r.actualFinish
    ) {
      out.set(si, r);
    }
  }
  return out;
}

/** A milestone is achieved when finished; missed when it finishes after its deadline or the status date passed it unfinished. */
function milestoneTransitions(
  rows: TaskRow[],
  computed: Computed[],
  s: ScheduleSettings,
  statusDay: number | undefined,
) {
  const transitions: MilestoneTransition[] = [];
  const states = new Map<number, string | null>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.kind !== 'milestone') continue;
    const c = computed[i]!;
    let state: 'achieved' | 'missed' | null = null;
    let reason: MilestoneTransition['reason'] = 'achieved';
    if (r.actual_finish || r.percent_complete === 100) state = 'achieved';
    else if (c.late && r.deadline) [state, reason] = ['missed', 'deadline-missed'];
    else if (statusDay !== undefined && c.es !== null && c.es < statusDay)
      [state, reason] = ['missed', 'status-date-passed'];
    if (state !== r.milestone_state) {
      states.set(i, state);
      if (state) transitions.push({ row: r, state, reason });
    }
  }
  void s;
  return { transitions, states };
}
