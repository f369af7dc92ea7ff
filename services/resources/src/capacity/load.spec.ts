import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  computeLoad,
  dateOf,
  dayNumber,
  isoWeekday,
  periodBounds,
  type LoadAssignment,
  type LoadInput,
} from './load.js';

const MONDAY = '2027-01-04';
const person = { id: 'p1', name: 'Ada', department: 'Data', hoursPerDay: 8, workingDays: [1, 2, 3, 4, 5] };
const assignment = (o: Partial<LoadAssignment>): LoadAssignment => ({
  id: 'a1',
  personId: 'p1',
  projectId: 'erp',
  taskId: null,
  startDate: MONDAY,
  endDate: '2027-01-10',
  units: 100,
  ...o,
});

describe('periodBounds', () => {
  it('cuts days, ISO weeks and calendar months', () => {
    expect(periodBounds('2027-02-27', 'day', 3)).toEqual([
      { start: '2027-02-27', end: '2027-02-27' },
      { start: '2027-02-28', end: '2027-02-28' },
      { start: '2027-03-01', end: '2027-03-01' },
    ]);
    expect(periodBounds('2027-01-04', 'week', 2)).toEqual([
      { start: '2027-01-04', end: '2027-01-10' },
      { start: '2027-01-11', end: '2027-01-17' },
    ]);
    expect(periodBounds('2027-11-01', 'month', 4)).toEqual([
      { start: '2027-11-01', end: '2027-11-30' },
      { start: '2027-12-01', end: '2027-12-31' },
      { start: '2028-01-01', end: '2028-01-31' },
      { start: '2028-02-01', end: '2028-02-29' },
    ]);
  });

  it('sums the same hours whatever the granularity', () => {
    const base = {
      people: [person],
      leave: [],
      assignments: [assignment({ startDate: '2027-02-01', endDate: '2027-03-12', units: 50 })],
    };
    const total = (bounds: ReturnType<typeof periodBounds>) =>
      computeLoad({ ...base, bounds }).totals.reduce((s, t) => s + t.allocatedHours, 0);
    // February and March 2027: 40 working days, 20 of them (Feb 1 – Mar 12 has 30) … count: 20 in Feb + 10 in Mar = 30 days × 4 h
    expect(total(periodBounds('2027-02-01', 'month', 2))).toBe(120);
    expect(total(periodBounds('2027-02-01', 'week', 9))).toBe(120);
    expect(total(periodBounds('2027-02-01', 'day', 59))).toBe(120);
  });
});

describe('calendar helpers', () => {
  it('knows weekdays and round-trips dates', () => {
    expect(isoWeekday(dayNumber('2027-01-04'))).toBe(1);
    expect(isoWeekday(dayNumber('2027-01-10'))).toBe(7);
    expect(isoWeekday(dayNumber('2024-02-29'))).toBe(4);
    expect(dateOf(dayNumber('2028-12-31'))).toBe('2028-12-31');
  });
});

describe('computeLoad', () => {
  it('counts available hours on working days minus leave, and allocation by units', () => {
    const { people, totals } = computeLoad({
      bounds: periodBounds(MONDAY, 'week', 2),
      people: [{ ...person, workingDays: [1, 2, 3] }],
      leave: [{ personId: 'p1', startDate: '2027-01-05', endDate: '2027-01-05' }],
      assignments: [assignment({ units: 50, endDate: '2027-01-17' })],
    });
    // week 1: Mon+Wed available (Tue on leave) = 16 h; allocation 50% of 8 h on Mon, Tue, Wed = 12 h
    expect(people[0]!.periods[0]).toMatchObject({
      availableHours: 16,
      allocatedHours: 12,
      overAllocated: false,
      causes: [],
    });
    expect(people[0]!.periods[1]).toMatchObject({ availableHours: 24, allocatedHours: 12, utilisation: 0.5 });
    expect(totals.map((t) => t.availableHours)).toEqual([16, 24]);
    expect(totals.map((t) => t.start)).toEqual(['2027-01-04', '2027-01-11']);
  });

  it('flags over-allocation with the assignments that cause it, largest first', () => {
    const { people, totals } = computeLoad({
      bounds: periodBounds(MONDAY, 'week', 1),
      people: [person],
      leave: [],
      assignments: [
        assignment({ id: 'small', units: 30 }),
        assignment({ id: 'big', units: 80, projectId: 'crm', taskId: 't9' }),
      ],
    });
    expect(people[0]!.periods[0]).toMatchObject({
      availableHours: 40,
      allocatedHours: 44,
      overAllocated: true,
    });
    expect(people[0]!.periods[0]!.causes).toEqual([
      { assignmentId: 'big', projectId: 'crm', taskId: 't9', hours: 32 },
      { assignmentId: 'small', projectId: 'erp', taskId: null, hours: 12 },
    ]);
    expect(totals[0]!.overAllocatedPeople).toBe(1);
  });

  it('treats an assignment during leave as over-allocation, and clips assignments to the window', () => {
    const { people } = computeLoad({
      bounds: periodBounds(MONDAY, 'week', 1),
      people: [person],
      leave: [{ personId: 'p1', startDate: '2026-12-20', endDate: '2027-01-31' }],
      assignments: [assignment({ startDate: '2026-12-01', endDate: '2027-12-31', units: 10 })],
    });
    expect(people[0]!.periods[0]).toMatchObject({
      availableHours: 0,
      allocatedHours: 4,
      overAllocated: true,
      utilisation: 0,
    });
  });

  it('makes public holidays of the person’s location non-working: no availability and no allocation', () => {
    const { people } = computeLoad({
      bounds: periodBounds(MONDAY, 'week', 1),
      people: [
        { ...person, location: 'DE-BY' },
        { ...person, id: 'p2', location: 'FR' },
      ],
      leave: [],
      assignments: [assignment({ units: 100 }), assignment({ id: 'a2', personId: 'p2', units: 100 })],
      holidays: [{ location: 'DE-BY', date: '2027-01-06' }],
    });
    expect(people[0]!.periods[0]).toMatchObject({
      availableHours: 32,
      allocatedHours: 32,
      overAllocated: false,
    });
    expect(people[1]!.periods[0]).toMatchObject({ availableHours: 40, allocatedHours: 40 });
  });

  const inputs = fc
    .record({
      weeks: fc.integer({ min: 1, max: 8 }),
      hoursPerDay: fc.integer({ min: 1, max: 10 }),
      workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
      spans: fc.array(
        fc.record({
          start: fc.integer({ min: -10, max: 60 }),
          len: fc.integer({ min: 0, max: 30 }),
          units: fc.integer({ min: 1, max: 200 }),
        }),
        {
          maxLength: 6,
        },
      ),
      leave: fc.array(
        fc.record({ start: fc.integer({ min: -5, max: 60 }), len: fc.integer({ min: 0, max: 10 }) }),
        { maxLength: 3 },
      ),
    })
    .map((r): LoadInput => ({
      bounds: periodBounds(MONDAY, 'week', r.weeks),
      people: [{ ...person, hoursPerDay: r.hoursPerDay, workingDays: r.workingDays }],
      leave: r.leave.map((l) => ({
        personId: 'p1',
        startDate: dateOf(dayNumber(MONDAY) + l.start),
        endDate: dateOf(dayNumber(MONDAY) + l.start + l.len),
      })),
      assignments: r.spans.map((s, i) =>
        assignment({
          id: `a${i}`,
          startDate: dateOf(dayNumber(MONDAY) + s.start),
          endDate: dateOf(dayNumber(MONDAY) + s.start + s.len),
          units: s.units,
        }),
      ),
    }));

  /** the reference: walk every day of every week and add up, no cleverness */
  function reference(input: LoadInput, week: number) {
    const p = input.people[0]!;
    let available = 0;
    let allocated = 0;
    for (let d = 0; d < 7; d++) {
      const date = dateOf(dayNumber(input.bounds[0]!.start) + week * 7 + d);
      const works = p.workingDays.includes(isoWeekday(dayNumber(date)));
      const onLeave = input.leave.some((l) => l.startDate <= date && date <= l.endDate);
      if (works && !onLeave) available += p.hoursPerDay;
      for (const a of input.assignments)
        if (works && a.startDate <= date && date <= a.endDate) allocated += (p.hoursPerDay * a.units) / 100;
    }
    return { available, allocated };
  }

  it('matches a day-by-day reference on random people, leave and assignments', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const { people } = computeLoad(input);
        people[0]!.periods.forEach((w, i) => {
          const ref = reference(input, i);
          expect(w.availableHours).toBeCloseTo(ref.available, 2);
          expect(w.allocatedHours).toBeCloseTo(ref.allocated, 2);
          expect(w.overAllocated).toBe(ref.allocated > ref.available + 1e-6);
          if (w.overAllocated)
            expect(w.causes.reduce((s, c) => s + c.hours, 0)).toBeCloseTo(w.allocatedHours, 1);
        });
      }),
    );
  });
});
