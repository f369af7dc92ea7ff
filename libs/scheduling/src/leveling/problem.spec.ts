import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { levelSchedule, LevelingError, parsePsplib, type LevelingProblem } from './index.js';

const base: LevelingProblem = {
  resources: [{ id: 'R1', capacity: 3 }],
  tasks: [
    { id: 'A', duration: 2, demands: { R1: 2 } },
    { id: 'B', duration: 1, demands: { R1: 1 } },
    { id: 'C', duration: 4 },
  ],
  dependencies: [
    { from: 'A', to: 'B' },
    { from: 'B', to: 'C' },
  ],
};

function errorOf(problem: LevelingProblem): LevelingError {
  try {
    levelSchedule(problem, { maxSchedules: 10 });
  } catch (err) {
    if (err instanceof LevelingError) return err;
    throw err;
  }
  throw new Error('expected a LevelingError');
}

describe('leveling validation', () => {
  it('names an unknown resource and the task using it', () => {
    const err = errorOf({ ...base, tasks: [...base.tasks, { id: 'D', duration: 1, demands: { R9: 1 } }] });
    expect(err).toMatchObject({ code: 'UNKNOWN_RESOURCE', field: 'tasks[3].demands.R9', ids: ['D', 'R9'] });
    expect(err.message).toContain('R9');
  });

  it('refuses a demand above the capacity: no schedule could exist', () => {
    const err = errorOf({ ...base, tasks: [{ id: 'A', duration: 2, demands: { R1: 4 } }], dependencies: [] });
    expect(err).toMatchObject({
      code: 'DEMAND_EXCEEDS_CAPACITY',
      field: 'tasks[0].demands.R1',
      ids: ['A', 'R1'],
    });
    expect(err.message).toMatch(/capacity is 3/);
  });

  it('names the tasks on a cycle, in order', () => {
    const err = errorOf({
      ...base,
      tasks: [...base.tasks, { id: 'D', duration: 1 }],
      dependencies: [...base.dependencies, { from: 'C', to: 'A' }, { from: 'A', to: 'D' }],
    });
    expect(err.code).toBe('CYCLE');
    expect([...err.ids].sort()).toEqual(['A', 'B', 'C']);
    const at = err.ids.indexOf('A');
    expect([...err.ids.slice(at), ...err.ids.slice(0, at)]).toEqual(['A', 'B', 'C']);
    expect(err.message).toContain('→');
  });

  it('refuses a task depending on itself', () => {
    expect(errorOf({ ...base, dependencies: [{ from: 'B', to: 'B' }] })).toMatchObject({
      code: 'CYCLE',
      ids: ['B'],
    });
  });

  it('names an unknown task in a dependency', () => {
    expect(errorOf({ ...base, dependencies: [{ from: 'A', to: 'Z' }] })).toMatchObject({
      code: 'UNKNOWN_TASK',
      field: 'dependencies[0].to',
    });
  });

  it('refuses duplicate ids and bad numbers, naming the field', () => {
    expect(errorOf({ ...base, tasks: [...base.tasks, { id: 'A', duration: 1 }] })).toMatchObject({
      code: 'DUPLICATE_ID',
      field: 'tasks[3].id',
    });
    expect(errorOf({ ...base, tasks: [{ id: 'A', duration: 1.5 }], dependencies: [] })).toMatchObject({
      code: 'INVALID_VALUE',
      field: 'tasks[0].duration',
    });
    expect(errorOf({ ...base, resources: [{ id: 'R1', capacity: -1 }] })).toMatchObject({
      code: 'INVALID_VALUE',
      field: 'resources[0].capacity',
    });
    expect(errorOf({ ...base, dependencies: [{ from: 'A', to: 'B', lag: 0.5 }] })).toMatchObject({
      field: 'dependencies[0].lag',
    });
    expect(() => levelSchedule(base, { budgetMs: Number.POSITIVE_INFINITY })).toThrow(/finite maxSchedules/);
  });
});

describe('parsePsplib', () => {
  it('reads jobs, durations, demands, successors and capacities of a .sm file', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
    const inst = parsePsplib(readFileSync(join(dir, 'j305_2.sm'), 'utf8'));
    expect(inst.jobs).toBe(32);
    expect(inst.problem.tasks).toHaveLength(32);
    expect(inst.problem.resources.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(inst.problem.tasks[0]).toEqual({ id: '1', duration: 0, demands: {} });
    expect(inst.problem.tasks[31].duration).toBe(0);
    expect(inst.problem.dependencies.filter((d) => d.from === '1')).toHaveLength(3);
    expect(inst.problem.dependencies.every((d) => Number(d.from) < Number(d.to))).toBe(true);
    expect(inst.mpmTime).toBeGreaterThan(0);
  });

  it('rejects text that is not a PSPLIB instance', () => {
    expect(() => parsePsplib('hello')).toThrow(/PSPLIB/);
  });
});
