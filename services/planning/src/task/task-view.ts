import type { ConstraintType, TaskKind, TaskResponse, TaskVariance } from '@baton/contracts';
import type { Timeline } from '../calendar/timeline.js';

/** A task row as read for responses (dates as text, the WBS code built by SQL). */
export interface TaskViewRow {
  id: string;
  project_id: string;
  parent_id: string | null;
  wbs: string;
  level: number;
  name: string;
  kind: TaskKind;
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
  version: number;
  created_at: Date;
  updated_at: Date;
  /** with a baseline joined */
  b_start?: string | null;
  b_finish?: string | null;
  b_duration?: number | null;
  b_present?: boolean | null;
}

export const TASK_VIEW_COLUMNS = `t.id, t.project_id, t.parent_id, array_to_string(t.wbs_path, '.') AS wbs, cardinality(t.wbs_path) AS level,
  t.name, t.kind, t.duration, t.effort, t.constraint_type, t.constraint_date::text AS constraint_date, t.deadline::text AS deadline,
  t.percent_complete, t.actual_start::text AS actual_start, t.actual_finish::text AS actual_finish, t.remaining_duration,
  t.early_start, t.early_finish, t.late_start, t.late_finish, t.total_float, t.free_float, t.critical, t.late, t.version,
  t.created_at, t.updated_at`;

/** `?baseline=`: the baseline's row for each task (LEFT JOIN on $n) */
export const BASELINE_COLUMNS = `, b.start_date::text AS b_start, b.finish_date::text AS b_finish, b.duration AS b_duration, b.task_id IS NOT NULL AS b_present`;
export const baselineJoin = (param: string) =>
  ` LEFT JOIN planning.baseline_task b ON b.baseline_id = ${param} AND b.task_id = t.id`;

export function toTaskResponse(r: TaskViewRow, t: Timeline, baselineName?: string): TaskResponse {
  const early =
    r.early_start !== null && r.early_finish !== null ? t.span(r.early_start, r.early_finish) : null;
  const late = r.late_start !== null && r.late_finish !== null ? t.span(r.late_start, r.late_finish) : null;
  const res: TaskResponse = {
    id: r.id,
    projectId: r.project_id,
    parentId: r.parent_id,
    wbsCode: r.wbs,
    level: r.level,
    name: r.name,
    kind: r.kind,
    duration: r.duration,
    effort: r.effort === null ? null : Number(r.effort),
    constraintType: r.constraint_type,
    constraintDate: r.constraint_date,
    deadline: r.deadline,
    percentComplete: r.percent_complete,
    actualStart: r.actual_start,
    actualFinish: r.actual_finish,
    remainingDuration: r.remaining_duration,
    start: early?.start ?? null,
    finish: early?.finish ?? null,
    lateStart: late?.start ?? null,
    lateFinish: late?.finish ?? null,
    totalFloat: r.total_float,
    freeFloat: r.free_float,
    critical: r.critical,
    late: r.late,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
  if (baselineName !== undefined) res.variance = varianceOf(r, res, t, baselineName);
  return res;
}

/** current minus baseline, in working days of the project's calendar */
function varianceOf(r: TaskViewRow, cur: TaskResponse, t: Timeline, baseline: string): TaskVariance {
  const present = r.b_present === true;
  const bs = present ? (r.b_start ?? null) : null;
  const bf = present ? (r.b_finish ?? null) : null;
  const bd = present ? (r.b_duration ?? null) : null;
  return {
    baseline,
    baselineStart: bs,
    baselineFinish: bf,
    baselineDuration: bd,
    start: bs && cur.start ? t.between(bs, cur.start) : null,
    finish: bf && cur.finish ? t.between(bf, cur.finish) : null,
    duration: bd !== null ? cur.duration - bd : null,
  };
}
