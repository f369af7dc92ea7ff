import { criticalPath, scheduleNetwork, scheduleTasks } from './index.js';
import type { DependencyInput, NetworkInput, TaskInput } from './types.js';

/** Per-task [ES, EF, LS, LF, TF, FF] for compact expectations. */
function dates(input: NetworkInput): Record<string, number[]> {
  const schedule = scheduleNetwork(input);
  return Object.fromEntries(
    scheduleTasks(schedule).map((t) => [
      t.id,
      [t.earlyStart, t.earlyFinish, t.lateStart, t.lateFinish, t.totalFloat, t.freeFloat],
    ]),
  );
}

const fs = (from: string, to: string, lag = 0): DependencyInput => ({ from, to, type: 'FS', lag });

/**
 * The classic activity-on-node exercise of introductory PM textbooks: eight activities, finish-to-
 * start only. Forward: A 0–3, B 3–7, C 3–5, D 7–12, E 5–6, F 5–7, G max(12, 6) = 12–16,
 * H max(7, 16) = 16–19. Backward from 19: H 16–19, G 12–16, F 14–16, E 11–12, D 7–12,
 * C min(11, 14) = 11 → 9–11, B 3–7, A min(3, 9) = 3 → 0–3. Critical path A–B–D–G–H.
 */
const classic: NetworkInput = {
  tasks: [
    { id: 'A', duration: 3 },
    { id: 'B', duration: 4 },
    { id: 'C', duration: 2 },
    { id: 'D', duration: 5 },
    { id: 'E', duration: 1 },
    { id: 'F', duration: 2 },
    { id: 'G', duration: 4 },
    { id: 'H', duration: 3 },
  ],
  dependencies: [
    fs('A', 'B'),
    fs('A', 'C'),
    fs('B', 'D'),
    fs('C', 'E'),
    fs('C', 'F'),
    fs('D', 'G'),
    fs('E', 'G'),
    fs('F', 'H'),
    fs('G', 'H'),
  ],
};

describe('CPM on textbook networks', () => {
  it('computes early/late dates, floats and the critical path of the classic finish-to-start network', () => {
    expect(scheduleNetwork(classic).projectFinish).toBe(19);
    expect(dates(classic)).toEqual({
      A: [0, 3, 0, 3, 0, 0],
      B: [3, 7, 3, 7, 0, 0],
      C: [3, 5, 9, 11, 6, 0], // E and F both start on day 5: no free float, but 6 days of total float
      D: [7, 12, 7, 12, 0, 0],
      E: [5, 6, 11, 12, 6, 6], // G waits for D until day 12
      F: [5, 7, 14, 16, 9, 9], // H waits for G until day 16
      G: [12, 16, 12, 16, 0, 0],
      H: [16, 19, 16, 19, 0, 0],
    });
    expect(criticalPath(scheduleNetwork(classic))).toEqual([['A', 'B', 'D', 'G', 'H']]);
  });

  /**
   * A precedence-diagram (PDM) network with all four relation types, a lag, a lead and a milestone.
   * Forward: A 0–4; B (A SS+2) 2–8; C (A FS+1) 5–10; D: FF from B → finish ≥ 9, SF from C → finish ≥
   * 7, so 6–9; M: FS−1 from D → ≥ 8, FS from C → ≥ 10, so 10. Project finish 10.
   * Backward: M 10; D: FS−1 to M allows finish 11, capped at 10 → 7–10; C: SF+2 to D → start ≤ 8,
   * FS to M → finish ≤ 10 → 5–10; B: FF+1 to D → finish ≤ 9 → 3–9; A: SS+2 to B → start ≤ 1,
   * FS+1 to C → finish ≤ 4 → 0–4.
   * Free float: B→D FF+1 slack 9−1−8 = 0; C→D SF+2 slack 9−2−5 = 2 but C→M slack 0; D→M FS−1 slack
   * 10+1−9 = 2, capped at 10 − 9 = 1.
   */
  it('handles SS, FS, FF and SF relations with lags and leads', () => {
    const pdm: NetworkInput = {
      tasks: [
        { id: 'A', duration: 4 },
        { id: 'B', duration: 6 },
        { id: 'C', duration: 5 },
        { id: 'D', duration: 3 },
        { id: 'M', duration: 0 },
      ],
      dependencies: [
        { from: 'A', to: 'B', type: 'SS', lag: 2 },
        { from: 'A', to: 'C', type: 'FS', lag: 1 },
        { from: 'B', to: 'D', type: 'FF', lag: 1 },
        { from: 'C', to: 'D', type: 'SF', lag: 2 },
        { from: 'D', to: 'M', type: 'FS', lag: -1 },
        { from: 'C', to: 'M', type: 'FS', lag: 0 },
      ],
    };
    const schedule = scheduleNetwork(pdm);
    expect(schedule.projectFinish).toBe(10);
    expect(dates(pdm)).toEqual({
      A: [0, 4, 0, 4, 0, 0],
      B: [2, 8, 3, 9, 1, 0],
      C: [5, 10, 5, 10, 0, 0],
      D: [6, 9, 7, 10, 1, 1],
      M: [10, 10, 10, 10, 0, 0],
    });
    expect(criticalPath(schedule)).toEqual([['A', 'C', 'M']]);
  });

  it('reproduces the example of issue 3', () => {
    const schedule = scheduleNetwork({
      tasks: [
        { id: 'A', duration: 3 },
        { id: 'B', duration: 2, constraint: { type: 'SNET', day: 4 } },
      ],
      dependencies: [fs('A', 'B')],
    });
    expect(schedule.projectFinish).toBe(6);
    expect(scheduleTasks(schedule)[0]).toEqual({
      id: 'A',
      earlyStart: 0,
      earlyFinish: 3,
      lateStart: 1,
      lateFinish: 4,
      totalFloat: 1,
      freeFloat: 1,
      critical: false,
      late: false,
    });
  });

  it('does not start a task before day 0 even when a lead or an FF relation would allow it', () => {
    const s = dates({
      tasks: [
        { id: 'A', duration: 2 },
        { id: 'B', duration: 5 },
        { id: 'C', duration: 1 },
      ],
      dependencies: [
        { from: 'A', to: 'B', type: 'FF', lag: 0 }, // finish ≥ 2 would allow a start on day −3
        { from: 'A', to: 'C', type: 'SS', lag: -4 },
      ],
    });
    expect(s.B.slice(0, 2)).toEqual([0, 5]);
    expect(s.C.slice(0, 2)).toEqual([0, 1]);
  });
});

describe('CPM constraints and deadlines', () => {
  /**
   * A 0–5 drives B (FS) to 5–8 although B must finish by day 7 (FNLT), and C (SS+3) would start on
   * day 3 but must start on day 2 (MSO). Project finish 8. Backward: B finish ≤ 7 → 4–7 (float −1);
   * C stays at 2–4; A: FS to B → finish ≤ 4, SS+3 to C → start ≤ −1 → −1–4 (float −1).
   */
  it('shows a missed FNLT and an MSO that overrides its predecessor as negative float', () => {
    const input: NetworkInput = {
      tasks: [
        { id: 'A', duration: 5 },
        { id: 'B', duration: 3, constraint: { type: 'FNLT', day: 7 } },
        { id: 'C', duration: 2, constraint: { type: 'MSO', day: 2 } },
      ],
      dependencies: [fs('A', 'B'), { from: 'A', to: 'C', type: 'SS', lag: 3 }],
    };
    expect(dates(input)).toEqual({
      A: [0, 5, -1, 4, -1, -1], // C's start is 1 day short of A's start + 3
      B: [5, 8, 4, 7, -1, 0],
      C: [2, 4, 2, 4, 0, 4],
    });
    const tasks = scheduleTasks(scheduleNetwork(input));
    expect(tasks.map((t) => [t.id, t.critical, t.late])).toEqual([
      ['A', true, false],
      ['B', true, true],
      ['C', true, false],
    ]);
  });

  it('computes late dates back from a project deadline, marking what finishes after it late', () => {
    const s = scheduleNetwork({ ...classic, projectDeadline: 17 });
    expect(s.projectFinish).toBe(19);
    const byId = Object.fromEntries(scheduleTasks(s).map((t) => [t.id, t]));
    expect(['A', 'B', 'D', 'G', 'H'].map((id) => byId[id].totalFloat)).toEqual([-2, -2, -2, -2, -2]);
    expect(byId.F.totalFloat).toBe(7);
    expect(byId.H.late).toBe(true);
    expect(byId.G.late).toBe(false);
    const roomy = scheduleTasks(scheduleNetwork({ ...classic, projectDeadline: 21 }));
    expect(roomy.every((t) => !t.critical && t.totalFloat >= 2)).toBe(true);
  });

  it('applies a task deadline to the late finish and flags the task late when it is missed', () => {
    const tasks: TaskInput[] = [
      { id: 'A', duration: 4 },
      { id: 'B', duration: 2, deadline: 5 },
      { id: 'C', duration: 9 },
    ];
    const s = scheduleTasks(scheduleNetwork({ tasks, dependencies: [fs('A', 'B')] }));
    expect(s.map((t) => [t.id, t.earlyFinish, t.lateFinish, t.totalFloat, t.late])).toEqual([
      ['A', 4, 3, -1, false],
      ['B', 6, 5, -1, true],
      ['C', 9, 9, 0, false],
    ]);
  });
});

describe('CPM with progress', () => {
  /**
   * Status day 6. A finished (0–5, a day late against its 4); B started on day 5 with 3 days of
   * work, 1 done, so 2 remain from day 6: 5–8; C waits for B: 8–10; D, unstarted with no
   * predecessor, cannot start before the status day: 6–7.
   */
  it('keeps finished work on its actual dates and schedules the rest from the status day', () => {
    const s = scheduleNetwork({
      statusDay: 6,
      tasks: [
        { id: 'A', duration: 4, progress: { actualStart: 0, actualFinish: 5 } },
        { id: 'B', duration: 3, progress: { actualStart: 5 } },
        { id: 'C', duration: 2 },
        { id: 'D', duration: 1 },
        { id: 'E', duration: 4, progress: { remainingDuration: 1 } },
      ],
      dependencies: [fs('A', 'B'), fs('B', 'C')],
    });
    expect(s.projectFinish).toBe(10);
    const t = Object.fromEntries(scheduleTasks(s).map((x) => [x.id, x]));
    expect([t.A.earlyStart, t.A.earlyFinish, t.A.lateStart, t.A.lateFinish, t.A.critical]).toEqual([
      0,
      5,
      0,
      5,
      false,
    ]);
    expect([t.B.earlyStart, t.B.earlyFinish, t.B.lateFinish, t.B.critical]).toEqual([5, 8, 8, true]);
    expect([t.C.earlyStart, t.C.earlyFinish, t.C.critical]).toEqual([8, 10, true]);
    expect([t.D.earlyStart, t.D.earlyFinish, t.D.totalFloat, t.D.freeFloat]).toEqual([6, 7, 3, 3]);
    expect([t.E.earlyStart, t.E.earlyFinish]).toEqual([6, 7]);
    expect(criticalPath(s)).toEqual([['B', 'C']]);
  });
});
