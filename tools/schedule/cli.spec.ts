import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = 'tools/schedule/examples';

/** Runs the real CLI the way `npm run schedule` does (tsx over the sources). */
function schedule(args: string[], stdin?: string) {
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/schedule/cli.ts', ...args],
    { cwd: ROOT, input: stdin, encoding: 'utf8', timeout: 20_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run schedule (CLI)', () => {
  /**
   * The example of issue 3. A (3 days) runs 0–3. B must follow A (FS) and start no earlier than
   * day 4, so 4–6: the project finishes on day 6. Backward from 6: B 4–6; A must finish by B's late
   * start 4, so 1–4. A's total float 4 − 3 = 1 = 1 − 0; its free float: B starts on 4, A finishes on
   * 3, so 1 (under the cap 6 − 3 = 3). B has no float: critical.
   */
  it("prints the issue's example schedule exactly", () => {
    const { status, stdout, stderr } = schedule([`${EXAMPLES}/issue-3.json`]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      projectFinish: 6,
      tasks: [
        {
          id: 'A',
          earlyStart: 0,
          earlyFinish: 3,
          lateStart: 1,
          lateFinish: 4,
          totalFloat: 1,
          freeFloat: 1,
          critical: false,
        },
        {
          id: 'B',
          earlyStart: 4,
          earlyFinish: 6,
          lateStart: 4,
          lateFinish: 6,
          totalFloat: 0,
          freeFloat: 0,
          critical: true,
        },
      ],
    });
  });

  /**
   * The precedence-diagram example of the engine's textbook spec, read from stdin: A 0–4, B (SS+2)
   * 2–8, C (FS+1) 5–10, D (FF+1 from B → finish 9) 6–9, milestone M (FS from C) on 10.
   */
  it('reads stdin for "-" and handles all four relation types', () => {
    const { status, stdout } = schedule(['-'], readFileSync(join(ROOT, EXAMPLES, 'pdm.json'), 'utf8'));
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as {
      projectFinish: number;
      tasks: { id: string; earlyStart: number; lateStart: number; critical: boolean }[];
    };
    expect(out.projectFinish).toBe(10);
    expect(out.tasks.map((t) => [t.id, t.earlyStart, t.lateStart, t.critical])).toEqual([
      ['A', 0, 0, true],
      ['B', 2, 3, false],
      ['C', 5, 5, true],
      ['D', 6, 7, false],
      ['M', 10, 10, true],
    ]);
  });

  it('exits 3 and names the tasks of a cycle on stderr', () => {
    const { status, stdout, stderr } = schedule([`${EXAMPLES}/cycle.json`]);
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('dependency cycle: design → build → test → design');
    expect(stderr).toContain('tasks on the cycle: design, build, test');
  });

  it('exits 1 naming the field of invalid input', () => {
    const bad = JSON.stringify({
      tasks: [{ id: 'A', duration: 2 }],
      dependencies: [{ from: 'A', to: 'Z', type: 'FS', lag: 0 }],
    });
    const { status, stdout, stderr } = schedule(['-'], bad);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('schedule: invalid input at dependencies[0].to: unknown task "Z"\n');

    const negative = schedule(
      ['-'],
      JSON.stringify({ tasks: [{ id: 'A', duration: -2 }], dependencies: [] }),
    );
    expect([negative.status, negative.stderr]).toEqual([
      1,
      'schedule: invalid input at tasks[0].duration: must be an integer ≥ 0, got -2\n',
    ]);
  });

  it('exits 1 naming a field the format does not have, instead of ignoring a misspelt one', () => {
    const input = (extra: object) => ({
      tasks: [
        { id: 'A', duration: 3 },
        { id: 'B', duration: 2 },
      ],
      dependencies: [{ from: 'A', to: 'B', type: 'FS', lag: 0 }],
      ...extra,
    });
    const cases: [object, string][] = [
      [{ dependencies: [{ from: 'A', to: 'B', type: 'FS', lags: 4 }] }, 'dependencies[0].lags'],
      [
        {
          tasks: [
            { id: 'A', duration: 3 },
            { id: 'B', duration: 2, constriant: { type: 'SNET', day: 9 } },
          ],
        },
        'tasks[1].constriant',
      ],
      [
        { tasks: [{ id: 'A', duration: 3, constraint: { type: 'SNET', days: 9 } }] },
        'tasks[0].constraint.days',
      ],
      [{ tasks: [{ id: 'A', duration: 3, progress: { actualstart: 0 } }] }, 'tasks[0].progress.actualstart'],
      [{ projectDeadlin: 4 }, 'projectDeadlin'],
    ];
    for (const [extra, field] of cases) {
      const { status, stdout, stderr } = schedule(['-'], JSON.stringify(input(extra)));
      expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
      expect(stderr).toContain(`invalid input at ${field}: unknown field`);
    }
  });

  it('exits 1 for a missing file or text that is not JSON', () => {
    expect(schedule(['no/such/file.json'])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('cannot read no/such/file.json'),
    });
    expect(schedule(['-'], '{ "tasks": [')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('stdin is not valid JSON'),
    });
  });

  it('exits 2 with the usage for a bad command line', () => {
    expect(schedule([])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Usage: npm run schedule'),
    });
    expect(schedule(['--frobnicate', 'x.json'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("'--frobnicate'"),
    });
  });

  it('adds a late flag when the input uses deadlines', () => {
    const input = { tasks: [{ id: 'A', duration: 5, deadline: 4 }], dependencies: [], projectDeadline: 6 };
    const { status, stdout } = schedule(['-'], JSON.stringify(input));
    expect(status).toBe(0);
    expect(JSON.parse(stdout).tasks[0]).toMatchObject({
      earlyFinish: 5,
      lateFinish: 4,
      totalFloat: -1,
      critical: true,
      late: true,
    });
  });

  /**
   * --level: A (3 days, 3 of R1's 4 units) and B (2 days, 2 units) cannot run together; C follows A
   * and needs 1 unit, so it fits beside B. Leveled: A 0–3, then B and C 3–5: makespan 5. Without
   * resources B would start on day 0.
   */
  it('levels resources with --level and keeps every precedence and capacity', () => {
    const input = {
      resources: [{ id: 'R1', capacity: 4 }],
      tasks: [
        { id: 'A', duration: 3, demands: { R1: 3 } },
        { id: 'B', duration: 2, demands: { R1: 2 } },
        { id: 'C', duration: 2, demands: { R1: 1 } },
      ],
      dependencies: [{ from: 'A', to: 'C', type: 'FS', lag: 0 }],
    };
    const res = schedule(['--level', '--budget-ms', '100', '-'], JSON.stringify(input));
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as {
      makespan: number;
      tasks: Array<{ id: string; start: number; finish: number; earlyStart: number }>;
    };
    expect(out.makespan).toBe(5);
    const at = Object.fromEntries(out.tasks.map((t) => [t.id, t]));
    expect(at.B).toMatchObject({ earlyStart: 0, start: 3, finish: 5 });
    expect(at.A).toMatchObject({ start: 0, finish: 3 });
    expect(at.C!.start).toBeGreaterThanOrEqual(at.A!.finish);
    for (let day = 0; day < out.makespan; day++) {
      const used = input.tasks
        .filter((t) => at[t.id]!.start <= day && day < at[t.id]!.finish)
        .reduce((u, t) => u + t.demands.R1, 0);
      expect(used).toBeLessThanOrEqual(4);
    }
  });

  it('refuses leveling input naming the field, and --budget-ms without --level', () => {
    const bad = {
      resources: [{ id: 'R1', capacity: 2 }],
      tasks: [{ id: 'A', duration: 1, demands: { R9: 1 } }],
      dependencies: [],
    };
    const res = schedule(['--level', '-'], JSON.stringify(bad));
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('tasks[0].demands.R9');
    expect(schedule(['--budget-ms', '10', 'x.json'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--budget-ms goes with --level'),
    });
  });
});
