import {
  buildNetwork,
  compileNetwork,
  computeSchedule,
  NetworkValidationError,
  ScheduleCycleError,
  scheduleNetwork,
  scheduleTasks,
} from './index.js';
import { referenceSchedule } from './test/reference.js';
import type { NetworkInput } from './types.js';

function validationError(input: unknown): NetworkValidationError {
  try {
    compileNetwork(input as NetworkInput);
  } catch (error) {
    if (error instanceof NetworkValidationError) return error;
    throw error;
  }
  throw new Error('expected a NetworkValidationError');
}

const two = [
  { id: 'A', duration: 1 },
  { id: 'B', duration: 1 },
];

describe('CPM input validation', () => {
  it.each([
    ['a missing task list', { dependencies: [] }, 'tasks', /array/],
    [
      'a task without an id',
      { tasks: [{ duration: 1 }], dependencies: [] },
      'tasks[0].id',
      /non-empty string/,
    ],
    [
      'a duplicate id',
      { tasks: [...two, { id: 'A', duration: 2 }], dependencies: [] },
      'tasks[2].id',
      /duplicate task id "A" \(also tasks\[0\]\)/,
    ],
    [
      'a negative duration',
      { tasks: [{ id: 'A', duration: -1 }], dependencies: [] },
      'tasks[0].duration',
      /integer ≥ 0, got -1/,
    ],
    [
      'a fractional duration',
      { tasks: [{ id: 'A', duration: 1.5 }], dependencies: [] },
      'tasks[0].duration',
      /integer ≥ 0/,
    ],
    [
      'a duration given as text',
      { tasks: [{ id: 'A', duration: '3' }], dependencies: [] },
      'tasks[0].duration',
      /got "3"/,
    ],
    ['a missing duration', { tasks: [{ id: 'A' }], dependencies: [] }, 'tasks[0].duration', /required/],
    [
      'an unknown constraint',
      { tasks: [{ id: 'A', duration: 1, constraint: { type: 'ASAP', day: 1 } }], dependencies: [] },
      'tasks[0].constraint.type',
      /SNET, FNLT, MSO/,
    ],
    [
      'a constraint without a day',
      { tasks: [{ id: 'A', duration: 1, constraint: { type: 'MSO' } }], dependencies: [] },
      'tasks[0].constraint.day',
      /required/,
    ],
    [
      'a finish before the start',
      { tasks: [{ id: 'A', duration: 1, progress: { actualStart: 4, actualFinish: 2 } }], dependencies: [] },
      'tasks[0].progress.actualFinish',
      /before the actual start 4/,
    ],
    [
      'an unknown successor',
      { tasks: two, dependencies: [{ from: 'A', to: 'X' }] },
      'dependencies[0].to',
      /unknown task "X"/,
    ],
    [
      'an unknown predecessor',
      {
        tasks: two,
        dependencies: [
          { from: 'A', to: 'B' },
          { from: 'Y', to: 'B' },
        ],
      },
      'dependencies[1].from',
      /unknown task "Y"/,
    ],
    [
      'a self-dependency',
      { tasks: two, dependencies: [{ from: 'B', to: 'B' }] },
      'dependencies[0].to',
      /"B" cannot depend on itself/,
    ],
    [
      'an unknown dependency type',
      { tasks: two, dependencies: [{ from: 'A', to: 'B', type: 'XX' }] },
      'dependencies[0].type',
      /FS, SS, FF, SF/,
    ],
    [
      'a fractional lag',
      { tasks: two, dependencies: [{ from: 'A', to: 'B', lag: 0.5 }] },
      'dependencies[0].lag',
      /integer/,
    ],
    ['a negative status day', { tasks: two, dependencies: [], statusDay: -1 }, 'statusDay', /≥ 0/],
  ])('rejects %s, naming the field', (_case, input, field, reason) => {
    const error = validationError(input);
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
    expect(error.message).toContain(field);
  });

  it('accepts a dependency without type or lag as finish-to-start with no lag', () => {
    const s = scheduleNetwork({ tasks: two, dependencies: [{ from: 'A', to: 'B' }] });
    expect([s.earlyStart[1], s.projectFinish]).toEqual([1, 2]);
  });

  it('validates index-level arrays too', () => {
    const arrays = { duration: [1, 2], from: [0], to: [2], type: [1], lag: [0] };
    expect(() => buildNetwork(arrays)).toThrow(
      new NetworkValidationError('dependencies[0].to', 'no task at index 2'),
    );
    expect(() => buildNetwork({ ...arrays, to: [1], type: [7] })).toThrow(/dependencies\[0\]\.type/);
  });

  it.each([
    // `from`/`to` are checked by totals after counting, the other fields while filling the rows:
    // whichever test fires, the error names the first offending dependency.
    [
      'an index one past the last task',
      { from: [0, 0, 3], to: [1, 2, 0] },
      'dependencies[2].from',
      /index 3/,
    ],
    ['a negative index', { from: [0, 1, 2], to: [1, 2, -1] }, 'dependencies[2].to', /index -1/],
    ['a fractional index', { from: [0, 1.5, 1], to: [1, 2, 2] }, 'dependencies[1].from', /index 1.5/],
    ['a bad lag before a bad index', { from: [0, 1, 9], lag: [0, 0.5, 0] }, 'dependencies[1].lag', /integer/],
    ['a bad index before a bad type', { to: [1, 7, 2], type: [1, 1, 9] }, 'dependencies[1].to', /index 7/],
    ['a self-dependency', { from: [0, 2, 1], to: [1, 2, 2] }, 'dependencies[1].to', /itself/],
    ['a lag out of int32', { lag: [0, 0, 2 ** 31] }, 'dependencies[2].lag', /integer/],
    [
      'a self-dependency before a bad index',
      { from: [0, 2, 5], to: [1, 2, 0] },
      'dependencies[1].to',
      /itself/,
    ],
  ])('names the first offending dependency of index-level arrays: %s', (_case, patch, field, reason) => {
    const arrays = { duration: [1, 1, 1], from: [0, 1, 0], to: [1, 2, 2], type: [1, 1, 1], lag: [0, 0, 0] };
    let error: unknown;
    try {
      buildNetwork({ ...arrays, ...patch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetworkValidationError);
    expect((error as NetworkValidationError).field).toBe(field);
    expect((error as NetworkValidationError).reason).toMatch(reason);
  });

  it('refuses a network whose days could overflow 32-bit arithmetic', () => {
    const huge = { duration: [2 ** 27, 2 ** 27], from: [0], to: [1], type: [1], lag: [0] };
    expect(() => buildNetwork(huge)).toThrow(/tasks: the network spans \d+ days, more than 2\^29/);
    expect(() => buildNetwork({ ...huge, duration: [2 ** 29, 0] })).toThrow(/tasks\[0\]\.duration/);
  });

  it('schedules a network just inside the 2^29-day span like the reference (branch-free min/max)', () => {
    // Days near 2^27, lags near −2^25 and edges into finished work (weight −2^30): the passes' sign-mask minima
    // and maxima must not overflow int32.
    const big = 2 ** 25;
    const input: NetworkInput = {
      tasks: [
        { id: 'A', duration: big },
        { id: 'B', duration: 1, progress: { actualStart: 0, actualFinish: 1 } },
        { id: 'C', duration: big - 5, constraint: { type: 'MSO', day: 3 * big } },
        { id: 'D', duration: 0, deadline: big },
      ],
      dependencies: [
        { from: 'A', to: 'B', type: 'FF', lag: -big },
        { from: 'C', to: 'B', type: 'SF' },
        { from: 'A', to: 'C', type: 'FS', lag: 7 },
        { from: 'C', to: 'D', type: 'SS', lag: -big },
        { from: 'D', to: 'B', type: 'FS' },
      ],
    };
    const engine = scheduleNetwork(input);
    const reference = referenceSchedule(input)!;
    expect(engine.projectFinish).toBe(reference.projectFinish);
    expect(scheduleTasks(engine)).toEqual(reference.tasks);
  });

  it('schedules an empty network', () => {
    const s = scheduleNetwork({ tasks: [], dependencies: [] });
    expect(s.projectFinish).toBe(0);
  });
});

describe('CPM cycle detection', () => {
  it('names the tasks of the cycle in dependency order', () => {
    const input: NetworkInput = {
      tasks: ['S', 'A', 'B', 'C', 'T'].map((id) => ({ id, duration: 1 })),
      dependencies: [
        { from: 'S', to: 'A' },
        { from: 'A', to: 'B', type: 'SS' },
        { from: 'B', to: 'C', type: 'FF', lag: 2 },
        { from: 'C', to: 'A', type: 'SF' },
        { from: 'C', to: 'T' },
      ],
    };
    const network = compileNetwork(input);
    let error: unknown;
    try {
      computeSchedule(network);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleCycleError);
    expect((error as ScheduleCycleError).taskIds).toEqual(['A', 'B', 'C']);
    expect((error as Error).message).toBe('dependency cycle: A → B → C → A');
  });

  it('finds a two-task cycle hidden behind finished work', () => {
    expect(() =>
      scheduleNetwork({
        tasks: [
          { id: 'A', duration: 1, progress: { actualStart: 0, actualFinish: 1 } },
          { id: 'B', duration: 1 },
        ],
        dependencies: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'A' },
        ],
      }),
    ).toThrow(new ScheduleCycleError(['A', 'B']));
  });
});
