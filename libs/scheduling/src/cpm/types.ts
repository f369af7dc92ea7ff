/**
 * The shapes a caller hands to the CPM engine and gets back. Every time is an integer number of
 * working days counted from day 0 (the project start); a task of duration d that starts on day s
 * finishes on day s + d. Converting offsets to calendar dates is the calendar module's job.
 */

/**
 * How a dependency links its predecessor (`from`) to its successor (`to`), with `lag` working days
 * (negative = lead):
 * - `FS` finish-to-start: successor start ≥ predecessor finish + lag
 * - `SS` start-to-start: successor start ≥ predecessor start + lag
 * - `FF` finish-to-finish: successor finish ≥ predecessor finish + lag
 * - `SF` start-to-finish: successor finish ≥ predecessor start + lag
 */
export type DependencyType = 'FS' | 'SS' | 'FF' | 'SF';

export const DEPENDENCY_TYPES: readonly DependencyType[] = ['FS', 'SS', 'FF', 'SF'];

/**
 * A date constraint on one task:
 * - `SNET` start no earlier than `day`: raises the early start to `day`.
 * - `FNLT` finish no later than `day`: caps the late finish at `day` (a breach shows as negative
 *   float on the task and everything driving it, and as `late`).
 * - `MSO` must start on `day`: fixes both the early and the late start on `day`, whatever the
 *   predecessors say (a breach shows as negative float on the predecessors).
 */
export type ConstraintType = 'SNET' | 'FNLT' | 'MSO';

export const CONSTRAINT_TYPES: readonly ConstraintType[] = ['SNET', 'FNLT', 'MSO'];

export interface TaskConstraint {
  type: ConstraintType;
  day: number;
}

/**
 * What has happened to a task so far, read against the network's `statusDay`:
 * - `actualFinish` set: the task is finished and stays at its actual dates (`actualStart`, or
 *   `actualFinish − duration` when no start was recorded). Its predecessors' late dates ignore it.
 * - only `actualStart` set: the task is in progress; it keeps its actual start and its remaining
 *   work runs from `max(actualStart, statusDay)` for `remainingDuration` days (default: the
 *   duration less the working days elapsed since the actual start, never below 0).
 * - neither: not started; it cannot start before `statusDay`, and lasts `remainingDuration` when
 *   given, else its duration.
 */
export interface TaskProgress {
  actualStart?: number;
  actualFinish?: number;
  remainingDuration?: number;
}

export interface TaskInput {
  /** Unique within the network. */
  id: string;
  /** Working days, an integer ≥ 0; 0 makes the task a milestone. */
  duration: number;
  constraint?: TaskConstraint;
  /** Acts on the late finish like an FNLT constraint, and marks the task `late` when its early finish passes it. */
  deadline?: number;
  progress?: TaskProgress;
}

export interface DependencyInput {
  from: string;
  to: string;
  /** Defaults to `FS`. */
  type?: DependencyType;
  /** Working days, an integer (negative = lead). Defaults to 0. */
  lag?: number;
}

export interface NetworkInput {
  tasks: readonly TaskInput[];
  dependencies: readonly DependencyInput[];
  /** When set, late dates are computed backward from it instead of from the project finish, so a network that cannot make it shows negative float. */
  projectDeadline?: number;
  /** The status date of progress: unfinished work is not scheduled before it. Defaults to 0. */
  statusDay?: number;
}

/** One task's computed dates (working-day offsets), as `scheduleTasks` returns them. */
export interface TaskSchedule {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  /** Late start − early start; negative when a constraint or deadline cannot be met. */
  totalFloat: number;
  /** Days the task can slip without delaying any successor's early dates (or the project finish). */
  freeFloat: number;
  /** Total float ≤ 0 (finished tasks are never critical). */
  critical: boolean;
  /** The early finish passes the task's deadline, its FNLT day or the project deadline. */
  late: boolean;
}
