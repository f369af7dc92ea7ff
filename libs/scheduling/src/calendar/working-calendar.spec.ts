import { CalendarError, formatIsoDate, isoWeekday, parseIsoDate, WorkingCalendar } from './index.js';

// 2026-03-02 is a Monday.
const MONDAY = '2026-03-02';

describe('WorkingCalendar', () => {
  it('skips weekends with the default Monday–Friday week', () => {
    const cal = new WorkingCalendar({}, MONDAY);
    expect([0, 1, 4, 5, 6, 9, 10].map((k) => cal.dateOf(k))).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-06', // Friday
      '2026-03-09', // the Monday after
      '2026-03-10',
      '2026-03-13',
      '2026-03-16',
    ]);
    expect(cal.offsetOf('2026-03-09')).toBe(5);
    expect(cal.isWorkingDate('2026-03-07')).toBe(false);
  });

  it('rounds a non-working date forward to the next working day', () => {
    const cal = new WorkingCalendar({}, MONDAY);
    expect(cal.offsetOf('2026-03-07')).toBe(5); // Saturday → Monday 9th
    expect(cal.offsetOf('2026-03-08')).toBe(5); // Sunday → Monday 9th
    expect(cal.dateOf(cal.offsetOf('2026-03-08'))).toBe('2026-03-09');
  });

  it('starts day 0 on the first working day when the project starts on a day off', () => {
    const cal = new WorkingCalendar({}, '2026-03-07'); // Saturday
    expect(cal.dateOf(0)).toBe('2026-03-09');
    expect(cal.offsetOf('2026-03-07')).toBe(0);
    expect(cal.offsetOf('2026-03-10')).toBe(1);
  });

  it('takes holidays off and lets exceptions override both the week and the holidays', () => {
    const cal = new WorkingCalendar(
      {
        holidays: ['2026-03-04', '2026-03-05'],
        exceptions: [
          { date: '2026-03-05', working: true }, // a holiday worked after all
          { date: '2026-03-07', working: true }, // a working Saturday
          { date: '2026-03-10', working: false }, // a Tuesday off
        ],
      },
      MONDAY,
    );
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => cal.dateOf(k))).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-09',
      '2026-03-11',
    ]);
    expect(cal.offsetOf('2026-03-04')).toBe(2);
    expect(cal.offsetOf('2026-03-10')).toBe(6);
  });

  it('supports other working weeks, e.g. Sunday to Thursday', () => {
    const cal = new WorkingCalendar({ workingWeekdays: [7, 1, 2, 3, 4] }, '2026-03-06'); // a Friday
    expect([0, 1, 4, 5].map((k) => cal.dateOf(k))).toEqual([
      '2026-03-08',
      '2026-03-09',
      '2026-03-12',
      '2026-03-15',
    ]);
  });

  it('counts offsets across years and leap days consistently in both directions', () => {
    const cal = new WorkingCalendar({ workingWeekdays: [1, 2, 3, 4, 5, 6, 7] }, '2027-12-30');
    expect(cal.dateOf(2)).toBe('2028-01-01');
    expect(cal.dateOf(61)).toBe('2028-02-29');
    expect(cal.dateOf(2 + 366)).toBe('2029-01-01');
    const weekdays = new WorkingCalendar({}, MONDAY);
    expect(weekdays.dateOf(208 * 5)).toBe('2030-02-25'); // 208 weeks later: 1456 days, across 29 Feb 2028
    expect(weekdays.dateOf(208 * 5 + 4)).toBe('2030-03-01');
    for (const offset of [0, 1, 260, 261, 2609, 5000, -1, -5, -300]) {
      expect(weekdays.offsetOf(weekdays.dateOf(offset))).toBe(offset);
    }
  });

  it('maps negative offsets to working days before the project start', () => {
    const cal = new WorkingCalendar({}, MONDAY);
    expect(cal.dateOf(-1)).toBe('2026-02-27'); // the Friday before
    expect(cal.dateOf(-5)).toBe('2026-02-23');
    expect(cal.offsetOf('2026-02-28')).toBe(0); // Saturday before day 0 rounds forward to day 0
    expect(cal.offsetOf('2026-02-27')).toBe(-1);
    expect(cal.offsetOf('2026-02-22')).toBe(-5); // Sunday → Monday 23rd
  });

  it('gives the first and last working dates of a task, milestones on their start', () => {
    const cal = new WorkingCalendar({}, MONDAY);
    expect(cal.taskDates(3, 8)).toEqual({ start: '2026-03-05', finish: '2026-03-11' });
    expect(cal.taskDates(4, 4)).toEqual({ start: '2026-03-06', finish: '2026-03-06' });
  });

  it('skips exactly the weekends and holidays, day by day, over two and a half years', () => {
    const holidays = ['2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2027-01-01'];
    const cal = new WorkingCalendar(
      { holidays, exceptions: [{ date: '2026-06-06', working: true }] },
      MONDAY,
    );
    const worked = (day: number) => {
      const iso = formatIsoDate(day);
      return iso === '2026-06-06' || (isoWeekday(day) <= 5 && !holidays.includes(iso));
    };
    let day = parseIsoDate(MONDAY)!;
    for (let offset = 0; offset < 700; offset++) {
      const next = parseIsoDate(cal.dateOf(offset))!;
      for (; day < next; day++) expect(worked(day)).toBe(false);
      expect(worked(day)).toBe(true);
      day++;
    }
  });

  it('rejects bad definitions and dates, naming the field', () => {
    expect(() => new WorkingCalendar({}, '2026-02-30')).toThrow(
      new CalendarError('projectStart', 'not an ISO date: "2026-02-30"'),
    );
    expect(() => new WorkingCalendar({ holidays: ['2026-01-01', 'soon'] }, MONDAY)).toThrow(/holidays\[1\]/);
    expect(() => new WorkingCalendar({ workingWeekdays: [0] }, MONDAY)).toThrow(/workingWeekdays\[0\]/);
    expect(() => new WorkingCalendar({ workingWeekdays: [] }, MONDAY)).toThrow(/at least one weekday/);
    expect(() => new WorkingCalendar({}, MONDAY).dateOf(1.5)).toThrow(/offset/);
    expect(() => new WorkingCalendar({}, MONDAY).offsetOf('03/02/2026')).toThrow(/date/);
  });

  it('refuses a working day past 9999-12-31 instead of printing a date ISO cannot name', () => {
    const cal = new WorkingCalendar({}, '9999-12-01');
    expect(cal.dateOf(21)).toBe('9999-12-30');
    expect(cal.dateOf(22)).toBe('9999-12-31');
    expect(() => cal.dateOf(23)).toThrow(new CalendarError('offset', 'falls after 9999-12-31'));
  });
});
