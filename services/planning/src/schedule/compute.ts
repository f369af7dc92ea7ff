import type { ConstraintType, DependencyType, TaskKind } from '@baton/contracts';
import {
  buildNetwork,
  CalendarError,
  computeSchedule,
  DEPENDENCY_CODE,
  NetworkValidationError,
  type Schedule,
} from '@baton/scheduling';
import type { Timeline } from '../calendar/timeline.js';
import { milestoneTransitions, rollUpSummaries } from './roll-up.js';

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
  rowIndex: number;
  /** its early start offset */
  date: number;
  state: 'achieved' | 'missed';
  reason: 'achieved' | 'deadline-missed' | 'status-date-passed';
}

export interface ComputeResult {
  /** computed values of the rows that differ from the stored ones, with their row indices */
  changed: number[];
  computed: Computed[];
  /** summary rows whose rolled-up fields differ: index → values */
  rollUps: Map<number, RollUp>;
  milestones: MilestoneTransition[];
  milestoneStates: Map<number, string | null>;
  /** offset of the project's last working day (the finish date) */
  finishOffset: number | null;
  criticalCount: number;
  lateCount: number;
}

/**
 * What stays the same while only tasks' own fields change: which rows are work tasks (the
 * engine's tasks), the dependencies as engine indices, and the WBS tree for roll-ups. Built once
 * per load and kept with the cached network.
 */
export interface NetworkStructure {
  /** engine task k is row leafRows[k] */
  leafRows: Int32Array;
  ids: string[];
  from: Int32Array;
  to: Int32Array;
  type: Uint8Array;
  lag: Float64Array;
  /** summaries deepest first, each with its children's row indices */
  summaries: { row: number; children: number[] }[];
}

export function buildStructure(rows: TaskRow[], deps: DependencyRow[]): NetworkStructure {
  const leafOf = new Map<string, number>();
  const leafRows: number[] = [];
  const ids: string[] = [];
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    rowOf.set(r.id, i);
    if (isLeaf(r)) {
      leafOf.set(r.id, leafRows.length);
      leafRows.push(i);
      ids.push(r.id);
    }
  });
  const from: number[] = [];
  const to: number[] = [];
  const type: number[] = [];
  const lag: number[] = [];
  for (const d of deps) {
    const a = leafOf.get(d.predecessor_id);
    const b = leafOf.get(d.successor_id);
    if (a === undefined || b === undefined) continue; // summaries carry no dependencies (refused on create)
    from.push(a);
    to.push(b);
    type.push(DEPENDENCY_CODE[d.type]);
    lag.push(d.lag);
  }
  const children = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const p = r.parent_id === null ? undefined : rowOf.get(r.parent_id);
    if (p === undefined) return;
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(i);
  });
  const summaries = [...children.entries()]
    .sort(([a], [b]) => rows[b]!.depth - rows[a]!.depth)
    .map(([row, kids]) => ({ row, children: kids }));
  return {
    leafRows: Int32Array.from(leafRows),
    ids,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    type: Uint8Array.from(type),
    lag: Float64Array.from(lag),
    summaries,
  };
}

const isLeaf = (r: TaskRow) => r.kind !== 'summary';
const same = (stored: number | null, v: number) => (stored === null ? Number.isNaN(v) : stored === v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/**
 * Schedules one project's work tasks with the CPM engine (summary tasks take their dates from
 * their children), rolls the summaries up, and reports what changed against the stored values.
 * Dates become offsets on the project's timeline; progress and constraints become the engine's
 * bounds exactly as its `TaskInput` documents them; external predecessors enter as zero-duration
 * anchors fixed on their day, linked with the dependency's own type and lag.
 * Throws the engine's ScheduleCycleError / NetworkValidationError (naming `tasks[k]` = leaf k).
 */
export function computeProjectSchedule(
  rows: TaskRow[],
  st: NetworkStructure,
  external: ExternalBound[],
  s: ScheduleSettings,
): ComputeResult {
  const t = s.timeline;
  const statusDate = s.statusDate;
  const statusDay = statusDate
    ? Math.max(
        0,
        placed('statusDate', () => t.finishOffset(statusDate)),
      )
    : 0;
  const leaves = st.leafRows.length;
  const n = leaves + external.length;
  const duration = new Float64Array(n);
  const minStart = new Float64Array(n);
  const fixedStart = new Float64Array(n).fill(NaN);
  const lateFixed = new Uint8Array(n);
  const finished = new Uint8Array(n);
  const maxFinish = new Float64Array(n).fill(Infinity);
  for (let k = 0; k < leaves; k++)
    resolve(rows[st.leafRows[k]!]!, k, t, statusDay, {
      duration,
      minStart,
      fixedStart,
      lateFixed,
      finished,
      maxFinish,
    });

  let ids = st.ids;
  let { from, to, type, lag } = st;
  if (external.length > 0) {
    ids = [...st.ids, ...external.map((_, k) => `external:${k}`)];
    const m = from.length;
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (len: number) => A): A => {
      const out = make(m + external.length);
      out.set(a);
      return out;
    };
    from = grow(from, (l) => new Int32Array(l));
    to = grow(to, (l) => new Int32Array(l));
    type = grow(type, (l) => new Uint8Array(l));
    lag = grow(lag, (l) => new Float64Array(l));
    external.forEach((x, k) => {
      const anchor = leaves + k;
      const reads = x.type === 'FS' || x.type === 'FF' ? x.finish : x.start;
      fixedStart[anchor] = Math.max(0, reads);
      lateFixed[anchor] = 1;
      from[m + k] = anchor;
      to[m + k] = st.ids.indexOf(x.successor_id);
      type[m + k] = DEPENDENCY_CODE[x.type];
      lag[m + k] = x.lag;
    });
  }

  const rowsN = rows.length;
  const es = new Float64Array(rowsN).fill(NaN);
  const ef = new Float64Array(rowsN).fill(NaN);
  const ls = new Float64Array(rowsN).fill(NaN);
  const lf = new Float64Array(rowsN).fill(NaN);
  const tf = new Float64Array(rowsN).fill(NaN);
  const ff = new Float64Array(rowsN).fill(NaN);
  const critical = new Uint8Array(rowsN);
  const late = new Uint8Array(rowsN);
  let criticalCount = 0;
  let lateCount = 0;
  let finishOffset: number | null = null;
  let earliest = 0;
  let latest = 0;
  if (n > 0) {
    const sc: Schedule = computeSchedule(
      buildNetwork({
        ids,
        duration,
        from,
        to,
        type,
        lag,
        minStart,
        fixedStart,
        lateFixed,
        finished,
        maxFinish,
        ...(s.deadline
          ? {
              projectDeadline: Math.max(
                0,
                placed('deadline', () => t.finishOffset(s.deadline!)),
              ),
            }
          : {}),
      }),
    );
    for (let k = 0; k < leaves; k++) {
      const i = st.leafRows[k]!;
      es[i] = sc.earlyStart[k]!;
      ef[i] = sc.earlyFinish[k]!;
      ls[i] = sc.lateStart[k]!;
      lf[i] = sc.lateFinish[k]!;
      tf[i] = sc.totalFloat[k]!;
      ff[i] = sc.freeFloat[k]!;
      critical[i] = sc.critical[k]!;
      late[i] = sc.late[k]!;
      if (critical[i]) criticalCount++;
      if (late[i]) lateCount++;
      // the last working day of work (a milestone: its own day), as the finish date shows it
      const last = ef[i]! > es[i]! ? ef[i]! - 1 : es[i]!;
      if (finishOffset === null || last > finishOffset) finishOffset = last;
      if (ls[i]! < earliest) earliest = ls[i]!;
      if (lf[i]! > latest) latest = lf[i]!;
    }
    // every computed offset must have a date (reads show them): the calendar's far ends are checked here, once
    placed('schedule', () => {
      t.dateAt(Math.min(earliest, 0));
      t.dateAt(Math.max(latest - 1, finishOffset ?? 0));
      return 0;
    });
  }
  const arrays = { es, ef, ls, lf, tf, ff, critical, late };
  const rollUps = rollUpSummaries(rows, st, arrays);

  const changed: number[] = [];
  const computed: Computed[] = [];
  for (let i = 0; i < rowsN; i++) {
    const r = rows[i]!;
    if (
      same(r.early_start, es[i]!) &&
      same(r.early_finish, ef[i]!) &&
      same(r.late_start, ls[i]!) &&
      same(r.late_finish, lf[i]!) &&
      same(r.total_float, tf[i]!) &&
      same(r.free_float, ff[i]!) &&
      r.critical === (critical[i] === 1) &&
      r.late === (late[i] === 1)
    ) {
      continue;
    }
    changed.push(i);
    computed.push({
      es: orNull(es[i]!),
      ef: orNull(ef[i]!),
      ls: orNull(ls[i]!),
      lf: orNull(lf[i]!),
      tf: orNull(tf[i]!),
      ff: orNull(ff[i]!),
      critical: critical[i] === 1,
      late: late[i] === 1,
    });
  }
  const { transitions, states } = milestoneTransitions(rows, st, arrays, statusDay, s.statusDate !== null);
  return {
    changed,
    computed,
    rollUps,
    milestones: transitions,
    milestoneStates: states,
    finishOffset,
    criticalCount,
    lateCount,
  };
}

interface Bounds {
  duration: Float64Array;
  minStart: Float64Array;
  fixedStart: Float64Array;
  lateFixed: Uint8Array;
  finished: Uint8Array;
  maxFinish: Float64Array;
}

/**
 * The offset `convert` finds for the date in `field`; a date the calendar cannot place (more than 200
 * years from the project start, or a schedule running past 9999-12-31) is the engine's validation
 * error naming the field, so the caller answers 422 instead of 500.
 */
function placed(field: string, convert: () => number): number {
  try {
    return convert();
  } catch (err) {
    if (err instanceof CalendarError)
      throw new NetworkValidationError(
        field,
        'is too far from the project start: a schedule spans at most 200 years and ends by 9999-12-31',
      );
    throw err;
  }
}

/** task k's date in `field` as an offset, never before day 0 */
const at = (k: number, field: string, convert: () => number) =>
  Math.max(0, placed(`tasks[${k}].${field}`, convert));

/** One task's constraint, deadline and progress as the engine's bounds (the semantics of its TaskInput / TaskProgress). */
function resolve(r: TaskRow, k: number, t: Timeline, statusDay: number, b: Bounds): void {
  let duration = r.duration;
  let minStart = 0;
  const constraintDate = r.constraint_date;
  if (r.constraint_type && constraintDate) {
    if (r.constraint_type === 'SNET') minStart = at(k, 'constraintDate', () => t.startOffset(constraintDate));
    else if (r.constraint_type === 'FNLT')
      b.maxFinish[k] = at(k, 'constraintDate', () => t.finishOffset(constraintDate));
    else {
      b.fixedStart[k] = at(k, 'constraintDate', () => t.startOffset(constraintDate));
      b.lateFixed[k] = 1;
    }
  }
  const { deadline, actual_start: actualStartDate, actual_finish: actualFinishDate } = r;
  if (deadline)
    b.maxFinish[k] = Math.min(
      b.maxFinish[k]!,
      at(k, 'deadline', () => t.finishOffset(deadline)),
    );
  const actualStart = actualStartDate
    ? at(k, 'actualStart', () => t.startOffset(actualStartDate))
    : undefined;
  if (actualFinishDate) {
    const af = at(k, 'actualFinish', () => t.finishOffset(actualFinishDate));
    const start = actualStart ?? Math.max(0, af - duration);
    if (af < start)
      throw new NetworkValidationError(
        `tasks[${k}].progress.actualFinish`,
        `must not be before the actual start`,
      );
    b.duration[k] = af - start;
    b.fixedStart[k] = start;
    b.lateFixed[k] = 1;
    b.finished[k] = 1;
    b.minStart[k] = minStart;
    return;
  }
  if (actualStart !== undefined) {
    const resume = Math.max(actualStart, statusDay);
    const left = r.remaining_duration ?? workLeft(duration, r.percent_complete, resume - actualStart);
    b.duration[k] = resume + left - actualStart;
    b.fixedStart[k] = actualStart;
    b.lateFixed[k] = 0;
    b.minStart[k] = minStart;
    return;
  }
  if (r.remaining_duration !== null) duration = r.remaining_duration;
  b.duration[k] = duration;
  b.minStart[k] = Math.max(minStart, statusDay);
}

/**
 * The working days left on a task under way when no remaining duration was given: the share of its
 * duration not yet complete when progress is reported as a percentage (rounded up, so work not
 * finished is never forecast as done), else its duration less the working days since it started.
 */
function workLeft(duration: number, percentComplete: number, elapsed: number): number {
  if (percentComplete > 0) return Math.ceil((duration * (100 - percentComplete)) / 100);
  return Math.max(0, duration - elapsed);
}
