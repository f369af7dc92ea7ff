import type { LevelingProblem } from '@baton/scheduling';
import { checkSchedule } from './check.js';
import { instanceKey, parseSolutions } from './solutions.js';

const problem: LevelingProblem = {
  resources: [{ id: 'R1', capacity: 4 }],
  tasks: [
    { id: '1', duration: 2, demands: { R1: 3 } },
    { id: '2', duration: 2, demands: { R1: 2 } },
    { id: '3', duration: 1 },
  ],
  dependencies: [{ from: '1', to: '3' }],
};

describe('the benchmark feasibility checker', () => {
  it('accepts a feasible schedule', () => {
    expect(checkSchedule(problem, [0, 2, 2], 4)).toBeNull();
  });

  it('reports an over-capacity day, a broken dependency and a wrong makespan', () => {
    expect(checkSchedule(problem, [0, 1, 2], 3)).toMatch(/R1 over capacity on day 1/);
    expect(checkSchedule(problem, [0, 2, 1], 4)).toMatch(/1 → 3 violated/);
    expect(checkSchedule(problem, [0, 2, 2], 5)).toMatch(/makespan 5/);
  });
});

describe('PSPLIB solution tables', () => {
  it('reads "Par Inst Makespan" rows and maps file names to them', () => {
    const table = parseSolutions(
      'Paramter Instance Makespan\n-----\n1       1         43       0.30\n12\t3\t99\t\tMon Dec  8  K.B\n',
    );
    expect(table.get('1_1')).toBe(43);
    expect(table.get('12_3')).toBe(99);
    expect(instanceKey('j120', 'j12012_3.sm')).toBe('12_3');
    expect(() => instanceKey('j30', 'j6012_3.sm')).toThrow();
  });
});
