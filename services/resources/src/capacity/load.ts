import type { LoadCause, LoadTotals, PersonLoad } from '@baton/contracts';

/**
 * Load per person and period (day, ISO week or month): pure arithmetic over days, no I/O (the
 * service loads the rows).
 *
 * - Working days: the person's ISO weekdays, minus the public holidays of their location.
 * - Available hours on a day: the person's hours per day on a working day they are not on
 *   leave; otherwise 0.
 * - Allocated hours on a day: for each approved assignment covering the day, units% of the
 *   person's hours per day, on their working days. Leave does not cancel an allocation: a person
 *   assigned while on leave shows as over-allocated, which is the conflict a manager must see.
 * - A period is over-allocated when allocated exceeds available (by more than rounding).
 */
export interface LoadPerson {
  id: string;
  name: string;
  department: string | null;
  hoursPerDay: number;
  workingDays: number[];
  location?: string | null;
}

export interface LoadHoliday {
  location: string;
  date: string;
}

export interface LoadLeave {
  personId: string;
  startDate: string;
  endDate: string;
}

export interface LoadAssignment {
  id: string;
  personId: string;
  projectId: string;
  taskId: string | null;
  startDate: string;
  endDate: string;
  units: number;
}

/** one period of a load view: its first and last day (inclusive) */
export interface PeriodBound {
  start: string;
  end: string;
}

export interface LoadInput {
  /** consecutive periods (see periodBounds) */
  bounds: PeriodBound[];
  people: LoadPerson[];
  leave: LoadLeave[];
  assignments: LoadAssignment[];
  /** public holidays of the people's locations in the window */
  holidays?: LoadHoliday[];
}

const DAY_MS = 86_400_000;
const EPSILON = 1e-6;

/** days since 1970-01-01 of a `YYYY-MM-DD` date */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday */
export const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

export function isMonday(date: string): boolean {
  return isoWeekday(dayNumber(date)) === 1;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One person's hours, day by day, over `days` days from day number `first`: what they have
 * (working days minus leave) and what each assignment takes (units% of a day on working days).
 */
export function dayProfile(
  p: LoadPerson,
  leave: LoadLeave[],
  assignments: LoadAssignment[],
  first: number,
  days: number,
  holidays: ReadonlySet<number> = new Set(),
): { available: Float64Array; taken: Array<{ assignment: LoadAssignment; hours: Float64Array }> } {
  const last = first + days - 1;
  const weekday = new Uint8Array(8);
  for (const d of p.workingDays) weekday[d] = 1;
  const working = new Uint8Array(days);
  for (let i = 0; i < days; i++)
    working[i] = weekday[isoWeekday(first + i)]! && !holidays.has(first + i) ? 1 : 0;
  const available = new Float64Array(days);
  for (let i = 0; i < days; i++) available[i] = working[i] ? p.hoursPerDay : 0;
  for (const l of leave) {
    const s = Math.max(dayNumber(l.startDate), first);
    const e = Math.min(dayNumber(l.endDate), last);
    for (let d = s; d <= e; d++) available[d - first] = 0;
  }
  const taken = assignments.map((assignment) => {
    const hours = new Float64Array(days);
    const s = Math.max(dayNumber(assignment.startDate), first);
    const e = Math.min(dayNumber(assignment.endDate), last);
    const perDay = (p.hoursPerDay * assignment.units) / 100;
    for (let d = s; d <= e; d++) if (working[d - first]) hours[d - first] = perDay;
    return { assignment, hours };
  });
  return { available, taken };
}

const sum = (xs: Float64Array, from = 0, to = xs.length) => {
  let t = 0;
  for (let i = from; i < to; i++) t += xs[i]!;
  return t;
};

/** the holidays (as day numbers) of each location */
export function holidaysByLocation(holidays: LoadHoliday[] = []): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const h of holidays) {
    const set = out.get(h.location) ?? new Set<number>();
    set.add(dayNumber(h.date));
    out.set(h.location, set);
  }
  return out;
}

const NO_HOLIDAYS: ReadonlySet<number> = new Set();

/** available and allocated hours of one person between two dates (inclusive) */
export function windowHours(
  p: LoadPerson,
  leave: LoadLeave[],
  assignments: LoadAssignment[],
  startDate: string,
  endDate: string,
  holidays: ReadonlySet<number> = NO_HOLIDAYS,
) {
  const first = dayNumber(startDate);
  const { available, taken } = dayProfile(
    p,
    leave,
    assignments,
    first,
    dayNumber(endDate) - first + 1,
    holidays,
  );
  return { availableHours: sum(available), allocatedHours: taken.reduce((t, x) => t + sum(x.hours), 0) };
}

/**
 * `periods` consecutive periods from `from`: single days, ISO weeks (from a Monday) or calendar
 * months (from the 1st). The caller checks that `from` fits the granularity.
 */
export function periodBounds(
  from: string,
  granularity: 'day' | 'week' | 'month',
  periods: number,
): PeriodBound[] {
  const out: PeriodBound[] = [];
  if (granularity === 'month') {
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7)) - 1;
    for (let i = 0; i < periods; i++) {
      const first = Date.UTC(y, m, 1) / DAY_MS;
      const next = Date.UTC(y, m + 1, 1) / DAY_MS;
      out.push({ start: dateOf(first), end: dateOf(next - 1) });
      m += 1;
      if (m === 12) [y, m] = [y + 1, 0];
    }
    return out;
  }
  const size = granularity === 'week' ? 7 : 1;
  const first = dayNumber(from);
  for (let i = 0; i < periods; i++)
    out.push({ start: dateOf(first + i * size), end: dateOf(first + (i + 1) * size - 1) });
  return out;
}

export function computeLoad(input: LoadInput): { people: PersonLoad[]; totals: LoadTotals[] } {
  const first = dayNumber(input.bounds[0]!.start);
  const days = dayNumber(input.bounds[input.bounds.length - 1]!.end) - first + 1;
  const ranges = input.bounds.map((b) => [dayNumber(b.start) - first, dayNumber(b.end) - first + 1] as const);
  const leaveBy = groupBy(input.leave, (l) => l.personId);
  const assignmentsBy = groupBy(input.assignments, (a) => a.personId);
  const holidays = holidaysByLocation(input.holidays);
  const totals: LoadTotals[] = input.bounds.map((b) => ({
    start: b.start,
    availableHours: 0,
    allocatedHours: 0,
    overAllocatedPeople: 0,
  }));

  const people = input.people.map((p): PersonLoad => {
    const offDays = (p.location && holidays.get(p.location)) || NO_HOLIDAYS;
    const { available, taken } = dayProfile(
      p,
      leaveBy.get(p.id) ?? [],
      assignmentsBy.get(p.id) ?? [],
      first,
      days,
      offDays,
    );
    return {
      personId: p.id,
      name: p.name,
      department: p.department,
      periods: input.bounds.map((bound, i) => {
        const [from, to] = ranges[i]!;
        const periodAvailable = sum(available, from, to);
        const causes: LoadCause[] = [];
        let periodAllocated = 0;
        for (const { assignment: a, hours } of taken) {
          const h = sum(hours, from, to);
          if (h <= 0) continue;
          periodAllocated += h;
          causes.push({ assignmentId: a.id, projectId: a.projectId, taskId: a.taskId, hours: round2(h) });
        }
        const overAllocated = periodAllocated > periodAvailable + EPSILON;
        const availableHours = round2(periodAvailable);
        const allocatedHours = round2(periodAllocated);
        const t = totals[i]!;
        t.availableHours += availableHours;
        t.allocatedHours += allocatedHours;
        if (overAllocated) t.overAllocatedPeople += 1;
        return {
          start: bound.start,
          end: bound.end,
          availableHours,
          allocatedHours,
          utilisation: availableHours > 0 ? round2(allocatedHours / availableHours) : 0,
          overAllocated,
          causes: overAllocated ? causes.sort((x, y) => y.hours - x.hours) : [],
        };
      }),
    };
  });
  for (const t of totals) {
    t.availableHours = round2(t.availableHours);
    t.allocatedHours = round2(t.allocatedHours);
  }
  return { people, totals };
}

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
