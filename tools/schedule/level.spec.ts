import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelInputError, levelCommand } from './level.js';

const input = {
  resources: [
    { id: 'R1', capacity: 10 },
    { id: 'R2', capacity: 2 },
  ],
  tasks: [
    { id: 'A', duration: 3, demands: { R1: 6 } },
    { id: 'B', duration: 2, demands: { R1: 5, R2: 1 } },
    { id: 'C', duration: 4, demands: { R2: 2 } },
    { id: 'D', duration: 1 },
  ],
  dependencies: [
    { from: 'A', to: 'D', type: 'FS', lag: 0 },
    { from: 'C', to: 'D' },
  ],
};

/** Independent check of a leveled output against the input above: dependencies and daily capacity. */
function check(out: { makespan: number; tasks: { id: string; start: number; finish: number }[] }): void {
  const at = new Map(out.tasks.map((t) => [t.id, t]));
  for (const d of input.dependencies)
    expect(at.get(d.to)!.start).toBeGreaterThanOrEqual(at.get(d.from)!.finish);
  for (const r of input.resources) {
    for (let day = 0; day < out.makespan; day++) {
      const used = input.tasks
        .filter((t) => at.get(t.id)!.start <= day && day < at.get(t.id)!.finish)
        .reduce((s, t) => s + ((t.demands as Record<string, number> | undefined)?.[r.id] ?? 0), 0);
      expect(used).toBeLessThanOrEqual(r.capacity);
    }
  }
  expect(out.makespan).toBe(Math.max(...out.tasks.map((t) => t.finish)));
}

const fieldOf = (bad: unknown): string => {
  try {
    levelCommand(bad, { budgetMs: 50 });
  } catch (err) {
    if (err instanceof LevelInputError) return err.field;
    throw err;
  }
  throw new Error('expected LevelInputError');
};

describe('schedule --level', () => {
  it('levels the input: feasible, tasks in input order with start and finish, optimal here', () => {
    const out = levelCommand(input, { budgetMs: 200 });
    expect(out.tasks.map((t) => t.id)).toEqual(['A', 'B', 'C', 'D']);
    out.tasks.forEach((t, i) => expect(t.finish - t.start).toBe(input.tasks[i].duration));
    check(out);
    // B can overlap neither A (R1: 6 + 5 > 10) nor C (R2: 1 + 2 > 2). B before C pushes C → D to
    // day 7; B after C ends on day 6 at the earliest: 6 is the optimum (the critical path is 5).
    expect(out.makespan).toBe(6);
  });

  it.each([
    [{ ...input, tasks: [{ id: 'A', duration: -1 }] }, 'tasks[0].duration'],
    [
      { ...input, tasks: [{ id: 'A', duration: 1, demands: { R9: 1 } }], dependencies: [] },
      'tasks[0].demands.R9',
    ],
    [
      { ...input, tasks: [{ id: 'A', duration: 1, demands: { R2: 3 } }], dependencies: [] },
      'tasks[0].demands.R2',
    ],
    [
      { ...input, tasks: [{ id: 'A', duration: 1, demands: { R1: 'x' } }], dependencies: [] },
      'tasks[0].demands.R1',
    ],
    [{ ...input, dependencies: [{ from: 'A', to: 'B', type: 'SS' }] }, 'dependencies[0].type'],
    [{ ...input, dependencies: [{ from: 'A', to: 'Q' }] }, 'dependencies[0].to'],
    [
      {
        ...input,
        dependencies: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'A' },
        ],
      },
      'dependencies',
    ],
    [{ ...input, resources: [{ id: 'R1' }] }, 'resources[0].capacity'],
    [{ tasks: [] }, 'resources'],
    [
      { ...input, tasks: [{ id: 'A', duration: 1, constraint: { type: 'SNET', day: 2 } }] },
      'tasks[0].constraint',
    ],
    [[], '$'],
  ])('refuses bad input, naming the field (%#)', (bad, field) => {
    expect(fieldOf(bad)).toBe(field);
  });

  describe('stand-alone main (spawned)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'level-'));
    const run = (args: string[]) =>
      spawnSync('npx', ['tsx', '--tsconfig', 'tsconfig.base.json', 'tools/schedule/level.ts', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });

    it('prints the leveled schedule as one JSON document and exits 0', () => {
      const file = join(dir, 'ok.json');
      writeFileSync(file, JSON.stringify(input));
      const res = run(['--budget-ms', '200', file]);
      expect(res.status).toBe(0);
      const out = JSON.parse(res.stdout) as Parameters<typeof check>[0];
      check(out);
      expect(out.makespan).toBe(6);
    });

    it('exits 1 naming the field on bad input, 2 without a file, 3 on a cycle', () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ ...input, dependencies: [{ from: 'A', to: 'B', type: 'FF' }] }));
      const res = run(['--budget-ms', '200', file]);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('dependencies[0].type');
      expect(res.stdout).toBe('');
      expect(run([]).status).toBe(2);
      writeFileSync(
        file,
        JSON.stringify({
          ...input,
          dependencies: [
            { from: 'A', to: 'B' },
            { from: 'B', to: 'A' },
          ],
        }),
      );
      const cycle = run([file]);
      expect(cycle.status).toBe(3);
      expect(cycle.stderr).toMatch(/cycle .*A.*B/);
    });
  });
});
