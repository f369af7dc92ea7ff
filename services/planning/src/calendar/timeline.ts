import { DEFAULT_WORKING_WEEK, type CalendarException } from '@baton/contracts';
import { formatIsoDate, parseIsoDate, WorkingCalendar } from '@baton/scheduling';

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

/**
 * A project's working days on its calendar, counted from its start date: offset 0 is the first
 * working day on or after the start. Maps working-day offsets (the engine's unit) to calendar
 * dates and back through the engine's WorkingCalendar (indexed, grown on demand).
 */
export class Timeline {
  private readonly cal: WorkingCalendar;

  constructor(
    readonly startDate: string,
    rules: CalendarRules,
  ) {
    this.cal = new WorkingCalendar(
      { workingWeekdays: rules.workingDays, holidays: rules.holidays, exceptions: rules.exceptions },
      startDate,
    );
  }

  /** the date of working day `offset` (negative offsets count back before the start) */
  dateAt(offset: number): string {
    return this.cal.dateOf(offset);
  }

  /** the offset a task starting on `date` gets (a day off rounds forward to the next working day) */
  startOffset(date: string): number {
    return this.cal.offsetOf(date);
  }

  /** working days up to and including `date`: the (exclusive) finish offset of work ending that day */
  finishOffset(date: string): number {
    return this.cal.offsetOf(formatIsoDate(parseIsoDate(date)! + 1));
  }

  /** the first and last working day of work at [start, finish) offsets; a milestone sits on its start day */
  span(start: number, finish: number): { start: string; finish: string } {
    return this.cal.taskDates(start, finish);
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
