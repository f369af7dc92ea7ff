import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_CALENDAR, Timeline } from './timeline.js';

describe('Timeline (working-day offsets ↔ dates)', () => {
  const office = new Timeline('2027-01-04', {
    workingDays: [1, 2, 3, 4, 5],
    holidays: ['2027-01-06'],
    exceptions: [{ date: '2027-01-09', working: true }],
  });

  it('counts working days from the start, skipping weekends and holidays, taking working exceptions', () => {
    expect([0, 1, 2, 3, 4, 5].map((d) => office.dateAt(d))).toEqual([
      '2027-01-04', // Mon
      '2027-01-05', // Tue (Wed 6 is a holiday)
      '2027-01-07',
      '2027-01-08',
      '2027-01-09', // the working Saturday
      '2027-01-11',
    ]);
    expect(office.startOffset('2027-01-06')).toBe(2); // a holiday starts work on the next working day
    expect(office.finishOffset('2027-01-06')).toBe(2); // and finishes nothing more than Tuesday did
    expect(office.span(0, 3)).toEqual({ start: '2027-01-04', finish: '2027-01-07' });
    expect(office.span(3, 3)).toEqual({ start: '2027-01-08', finish: '2027-01-08' }); // a milestone
  });

  it('counts back before the start and measures variance in working days', () => {
    const t = new Timeline('2027-01-04', DEFAULT_CALENDAR);
    expect(t.dateAt(-1)).toBe('2027-01-01');
    expect(t.startOffset('2026-12-31')).toBe(-2);
    expect(t.between('2027-01-08', '2027-01-12')).toBe(2);
    expect(t.between('2027-01-12', '2027-01-08')).toBe(-2);
  });

  it('maps every offset to a working day and back to the same offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
        (offset, week) => {
          const t = new Timeline('2027-03-01', {
            workingDays: week,
            holidays: ['2027-03-02'],
            exceptions: [],
          });
          const date = t.dateAt(offset);
          expect(t.startOffset(date)).toBe(offset);
          expect(t.finishOffset(date)).toBe(offset + 1);
        },
      ),
    );
  });
});
