import { formatIsoDate, isoWeekday, parseIsoDate } from './iso-date.js';

/** What a working calendar is made of. Dates are ISO `YYYY-MM-DD` strings. */
export interface CalendarDefinition {
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. Default Monday to Friday. */
  workingWeekdays?: readonly number[];
  /** Days off on top of the week (public holidays, company closures). */
  holidays?: readonly string[];
  /** Single days that override both the week and the holidays: `working: true` adds a working day (a Saturday release), `false` removes one. */
  exceptions?: readonly { date: string; working: boolean }[];
}

/** A calendar definition or a date that makes no sense; `field` names it (e.g. `holidays[2]`). */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** How far from the project start (in calendar days) the index may grow: ±200 years. */
const HORIZON_DAYS = 200 * 366;
const CHUNK_DAYS = 366;
/** 9999-12-31, the last day an ISO `YYYY-MM-DD` date can name. */
const LAST_DAY = parseIsoDate('9999-12-31')!;

/**
 * Maps the engine's working-day offsets to calendar dates and back for one project.
 *
 * Working day 0 is the project start date, or the first working day after it when the start falls
 * on a day off; working day k is the k-th working day after that, and negative offsets (late dates
 * of a project behind its deadline) count working days backward before day 0. A task scheduled at
 * [start, finish) in offsets works on the dates of offsets start … finish − 1 (`taskDates`).
 *
 * The working days are held in two sorted Int32Array indexes of epoch days (forward from day 0 and
 * backward from day −1) that grow a year at a time on demand, so `dateOf` is O(1) and `offsetOf`
 * a binary search once a range has been seen.
 */
export class WorkingCalendar {
  private readonly weekdays = new Uint8Array(8);
  private readonly holidays = new Set<number>();
  private readonly exceptions = new Map<number, boolean>();
  private readonly origin: number;
  private forward: Int32Array<ArrayBuffer> = new Int32Array(0);
  private forwardLength = 0;
  private forwardScanned: number; // the next epoch day to examine going forward
  private backward: Int32Array<ArrayBuffer> = new Int32Array(0);
  private backwardLength = 0;
  private backwardScanned: number; // the next epoch day to examine going backward

  /** Throws `CalendarError` naming the offending field (`projectStart`, `holidays[1]`, …). */
  constructor(definition: CalendarDefinition, projectStart: string) {
    const start = parseIsoDate(projectStart);
    if (start === undefined)
      throw new CalendarError('projectStart', `not an ISO date: ${JSON.stringify(projectStart)}`);
    this.origin = start;
    this.forwardScanned = start;
    this.backwardScanned = start - 1;

    const weekdays = definition.workingWeekdays ?? [1, 2, 3, 4, 5];
    weekdays.forEach((d, k) => {
      if (!Number.isInteger(d) || d < 1 || d > 7)
        throw new CalendarError(`workingWeekdays[${k}]`, `must be 1 (Monday) … 7 (Sunday), got ${d}`);
      this.weekdays[d] = 1;
    });
    if (weekdays.length === 0)
      throw new CalendarError('workingWeekdays', 'at least one weekday must be worked');
    (definition.holidays ?? []).forEach((iso, k) => this.holidays.add(this.day(iso, `holidays[${k}]`)));
    (definition.exceptions ?? []).forEach((ex, k) =>
      this.exceptions.set(this.day(ex.date, `exceptions[${k}].date`), ex.working === true),
    );
  }

  /** Is this calendar date worked? */
  isWorkingDate(date: string): boolean {
    return this.isWorking(this.day(date, 'date'));
  }

  /** The date of working day `offset` (an integer; negative counts back before day 0). */
  dateOf(offset: number): string {
    if (!Number.isSafeInteger(offset)) throw new CalendarError('offset', `must be an integer, got ${offset}`);
    if (offset >= 0) {
      while (this.forwardLength <= offset) this.growForward();
      if (this.forward[offset] > LAST_DAY) throw new CalendarError('offset', 'falls after 9999-12-31');
      return formatIsoDate(this.forward[offset]);
    }
    const k = -offset - 1;
    while (this.backwardLength <= k) this.growBackward();
    return formatIsoDate(this.backward[k]);
  }

  /**
   * The working-day offset of a date. A date that is not worked rounds FORWARD to the next working
   * day (work "on" a Sunday can begin on Monday), so `offsetOf` of a Saturday and of the Monday after
   * are equal, and `dateOf(offsetOf(d))` is `d` exactly when `d` is a working date.
   */
  offsetOf(date: string): number {
    const day = this.day(date, 'date');
    if (day >= this.origin || this.nextWorkingDay(day) >= this.origin) {
      while (this.forwardLength === 0 || this.forward[this.forwardLength - 1] < day) this.growForward();
      return lowerBound(this.forward, this.forwardLength, day);
    }
    // Before day 0: backward[k] (descending) holds the date of offset −(k+1); find the last k with backward[k] ≥ day.
    while (this.backwardLength === 0 || this.backward[this.backwardLength - 1] >= day) this.growBackward();
    let lo = 0;
    let hi = this.backwardLength; // invariant: backward[lo-1] ≥ day > backward[hi]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.backward[mid] >= day) lo = mid + 1;
      else hi = mid;
    }
    return -lo;
  }

  /**
   * The first and last dates worked by a task scheduled at [start, finish) in offsets. A milestone
   * (finish = start) falls on the date of its start offset.
   */
  taskDates(start: number, finish: number): { start: string; finish: string } {
    return { start: this.dateOf(start), finish: this.dateOf(finish > start ? finish - 1 : start) };
  }

  private day(iso: string, field: string): number {
    const day = parseIsoDate(iso);
    if (day === undefined) throw new CalendarError(field, `not an ISO date: ${JSON.stringify(iso)}`);
    return day;
  }

  private isWorking(day: number): boolean {
    const exception = this.exceptions.get(day);
    if (exception !== undefined) return exception;
    return this.weekdays[isoWeekday(day)] === 1 && !this.holidays.has(day);
  }

  private nextWorkingDay(day: number): number {
    let d = day;
    for (let i = 0; i < HORIZON_DAYS && !this.isWorking(d); i++) d++;
    return d;
  }

  private growForward(): void {
    if (this.forwardScanned - this.origin > HORIZON_DAYS)
      throw new CalendarError('offset', 'beyond 200 years after the project start');
    const fresh: number[] = [];
    for (const end = this.forwardScanned + CHUNK_DAYS; this.forwardScanned < end; this.forwardScanned++) {
      if (this.isWorking(this.forwardScanned)) fresh.push(this.forwardScanned);
    }
    [this.forward, this.forwardLength] = append(this.forward, this.forwardLength, fresh);
  }

  private growBackward(): void {
    if (this.origin - this.backwardScanned > HORIZON_DAYS)
      throw new CalendarError('offset', 'beyond 200 years before the project start');
    const fresh: number[] = [];
    for (const end = this.backwardScanned - CHUNK_DAYS; this.backwardScanned > end; this.backwardScanned--) {
      if (this.isWorking(this.backwardScanned)) fresh.push(this.backwardScanned);
    }
    [this.backward, this.backwardLength] = append(this.backward, this.backwardLength, fresh);
  }
}

/** Appends to a growable typed array, doubling its capacity when needed. */
function append(
  array: Int32Array<ArrayBuffer>,
  length: number,
  values: number[],
): [Int32Array<ArrayBuffer>, number] {
  let out = array;
  if (length + values.length > array.length) {
    out = new Int32Array(Math.max(2 * array.length, length + values.length, 512));
    out.set(array.subarray(0, length));
  }
  out.set(values, length);
  return [out, length + values.length];
}

/** First index in sorted `array[0..length)` whose value is ≥ `value`. */
function lowerBound(array: Int32Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
