import { describe, expect, it } from '@jest/globals';
import { ScheduleCycleError } from '@baton/scheduling';
import { DEFAULT_CALENDAR, Timeline } from '../calendar/timeline.js';
import { buildStructure, computeProjectSchedule, type DependencyRow, type TaskRow } from './compute.js';

const timeline = new Timeline('2027-01-04', DEFAULT_CALENDAR);
const settings = { timeline, statusDate: null, deadline: null };

function row(id: string, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    id,
    parent_id: null,
    depth: 1,
    kind: 'task',
    name: id,
    wbs: id,
    duration: 1,
    effort: null,
    constraint_type: null,
    constraint_date: null,
    deadline: null,
    percent_complete: 0,
    actual_start: null,
    actual_finish: null,
    remaining_duration: null,
    early_start: null,
    early_finish: null,
    late_start: null,
    late_finish: null,
    total_float: null,
    free_float: null,
    critical: false,
    late: false,
    milestone_state: null,
    ...extra,
  };
}
const fs = (p: string, s: string, lag = 0): DependencyRow => ({
  predecessor_id: p,
  successor_id: s,
  type: 'FS',
  lag,
});

describe('computeProjectSchedule', () => {
  const rows = [
    row('S', { kind: 'summary', duration: 0 }),
    row('A', { parent_id: 'S', depth: 2, duration: 2, effort: '16.00', percent_complete: 100 }),
    row('B', { parent_id: 'S', depth: 2, duration: 6, effort: '8.50', percent_complete: 50 }),
    row('C', { duration: 1 }),
  ];
  const deps = [fs('A', 'B')];

  it('schedules work tasks, rolls summaries up and reports every row that moved', () => {
    const r = computeProjectSchedule(rows, buildStructure(rows, deps), [], settings);
    expect(r.changed).toEqual([0, 1, 2, 3]);
    const byRow = new Map(r.changed.map((i, k) => [rows[i]!.id, r.computed[k]!]));
    expect(byRow.get('B')).toMatchObject({ es: 2, ef: 8, tf: 0, critical: true });
    expect(byRow.get('C')).toMatchObject({ es: 0, ef: 1, tf: 7, critical: false });
    expect(byRow.get('S')).toMatchObject({ es: 0, ef: 8, tf: 0, critical: true });
    // duration-weighted progress: (2·100 + 6·50) / 8 = 62.5 → 63; effort summed
    expect(r.rollUps.get(0)).toMatchObject({ duration: 8, percent: 63, effort: '24.50' });
    expect(r.finishOffset).toBe(7); // the last working day: Tue 12 Jan
    expect(r.criticalCount).toBe(2);
  });

  it('reports nothing when the stored values are already current', () => {
    const first = computeProjectSchedule(rows, buildStructure(rows, deps), [], settings);
    const stored = rows.map((x, i) => {
      const k = first.changed.indexOf(i);
      const c = first.computed[k]!;
      const ru = first.rollUps.get(i);
      return {
        ...x,
        early_start: c.es,
        early_finish: c.ef,
        late_start: c.ls,
        late_finish: c.lf,
        total_float: c.tf,
        free_float: c.ff,
        critical: c.critical,
        late: c.late,
        ...(ru ? { duration: ru.duration, effort: ru.effort, percent_complete: ru.percent } : {}),
      };
    });
    const again = computeProjectSchedule(stored, buildStructure(stored, deps), [], settings);
    expect(again.changed).toEqual([]);
    expect(again.rollUps.size).toBe(0);
  });

  it('turns a deadline into negative float and late, and fires a missed milestone once', () => {
    const ms = [
      row('W', { duration: 5 }),
      row('M', { kind: 'milestone', duration: 0, deadline: '2027-01-06' }),
    ];
    const r = computeProjectSchedule(ms, buildStructure(ms, [fs('W', 'M')]), [], settings);
    const m = r.computed[r.changed.indexOf(1)]!;
    expect(m).toMatchObject({ es: 5, late: true, tf: -2 });
    expect(r.milestones.map((x) => [x.row.id, x.state, x.reason])).toEqual([
      ['M', 'missed', 'deadline-missed'],
    ]);
    const again = computeProjectSchedule(
      [ms[0]!, { ...ms[1]!, milestone_state: 'missed' }],
      buildStructure(ms, [fs('W', 'M')]),
      [],
      settings,
    );
    expect(again.milestones).toEqual([]);
  });

  it('lets an external predecessor hold a task back and names a cycle by task ids', () => {
    const two = [row('X', { duration: 2 }), row('Y', { duration: 2 })];
    const held = computeProjectSchedule(
      two,
      buildStructure(two, []),
      [{ successor_id: 'Y', type: 'FS', lag: 1, start: 0, finish: 4 }],
      settings,
    );
    expect(held.computed[held.changed.indexOf(1)]).toMatchObject({ es: 5, ef: 7 });
    expect(() =>
      computeProjectSchedule(two, buildStructure(two, [fs('X', 'Y'), fs('Y', 'X')]), [], settings),
    ).toThrow(ScheduleCycleError);
  });
});
