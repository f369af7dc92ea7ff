import { DEFAULT_WORKING_WEEK, type CalendarException } from '@baton/contracts';

/** What a timeline needs of a calendar: the working week (ISO 1–7), days off, single-day exceptions. */
export interface CalendarRules {
  workingDays: readonly number[];
  holidays: readonly string[];
  exceptions: readonly CalendarException[];
}

export const DEFAULT_CALENDAR: CalendarRules = {
  workingDays: DEFAULT_WORKING_WEEK,
  holidays: [],
  exceptions: [],
};

const DAY_MS = 86_400_000;
/** never look further than this for working days (a calendar with almost none must not loop forever) */
const HORIZON_DAYS = 366 * 200;

const toDay = (date: string) =>
  Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS);
const toDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * A project's working days on its calendar, counted from its start date: offset 0 is the first
 * working day on or after the start. Maps working-day offsets (the engine's unit) to calendar
 * dates and back. Working days are listed lazily as far as they are asked for.
 */
export class Timeline {
  private readonly working: (day: number) => boolean;
  private readonly origin: number;
  /** days[k] = the epoch day of working day k */
  private readonly days: number[] = [];

  constructor(
    readonly startDate: string,
    rules: CalendarRules,
  ) {
    const week = new Set(rules.workingDays);
    const exceptions = new Map<number, boolean>(rules.holidays.map((h) => [toDay(h), false]));
    for (const e of rules.exceptions) exceptions.set(toDay(e.date), e.working);
    this.working = (day) => exceptions.get(day) ?? week.has(((day + 3) % 7) + 1);
    this.origin = toDay(startDate);
  }

  private extendTo(count: number): void {
    let day = this.days.length ? this.days[this.days.length - 1]! + 1 : this.origin;
    const limit = this.origin + HORIZON_DAYS;
    while (this.days.length < count && day < limit) {
      if (this.working(day)) this.days.push(day);
      day++;
    }
    if (this.days.length < count) throw new Error('the calendar has too few working days');
  }

  /** the date of working day `offset` (negative offsets count back before the start) */
  dateAt(offset: number): string {
    if (offset < 0) {
      let day = this.origin;
      for (let left = -offset; left > 0;) if (this.working(--day)) left--;
      return toDate(day);
    }
    this.extendTo(offset + 1);
    return toDate(this.days[offset]!);
  }

  /** working days before `date` (from the start): the offset a task starting on `date` gets */
  startOffset(date: string): number {
    const day = toDay(date);
    if (day < this.origin) {
      let n = 0;
      for (let d = day; d < this.origin; d++) if (this.working(d)) n--;
      return n;
    }
    // the first working day ≥ day: binary search once the list reaches past it
    while (!this.days.length || this.days[this.days.length - 1]! < day)
      this.extendTo(Math.max(16, this.days.length * 2));
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** working days up to and including `date`: the (exclusive) finish offset of work ending that day */
  finishOffset(date: string): number {
    const next = toDate(toDay(date) + 1);
    return this.startOffset(next);
  }

  /** the first and last working day of work at [start, finish) offsets; a milestone sits on its start day */
  span(start: number, finish: number): { start: string; finish: string } {
    return { start: this.dateAt(start), finish: this.dateAt(finish > start ? finish - 1 : start) };
  }

  /** working days from a to b (negative when b is before a) */
  between(a: string, b: string): number {
    return this.startOffset(b) - this.startOffset(a);
  }
}

/** Timelines are pure functions of (calendar version, start date): keep the recent ones. */
export class TimelineCache {
  private readonly entries = new Map<string, Timeline>();

  constructor(private readonly capacity = 64) {}

  async get(
    key: string,
    startDate: string,
    rules: () => CalendarRules | Promise<CalendarRules>,
  ): Promise<Timeline> {
    const k = `${key}|${startDate}`;
    let t = this.entries.get(k);
    if (t) {
      this.entries.delete(k);
    } else {
      t = new Timeline(startDate, await rules());
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(k, t);
    return t;
  }
}
