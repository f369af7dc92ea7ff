import fc from 'fast-check';
import { ScheduleCycleError, scheduleNetwork, scheduleTasks } from './index.js';
import { referenceSchedule } from './test/reference.js';
import type { DependencyInput, NetworkInput, TaskInput, TaskProgress } from './types.js';
import { CONSTRAINT_TYPES, DEPENDENCY_TYPES } from './types.js';

interface Options {
  constraints?: boolean;
  progress?: boolean;
  /** Multiplies every duration / lag: large enough, weights no longer fit in 16 bits. */
  durationScale?: number;
  lagScale?: number;
}

/**
 * Random acyclic networks: task `T<k>` may only depend on tasks with a smaller k, but the task list
 * is shuffled so that input order is not topological order. Parallel and mixed-type dependencies
 * between the same two tasks occur, as do leads larger than durations.
 */
function networks({
  constraints = false,
  progress = false,
  durationScale = 1,
  lagScale = 1,
}: Options = {}): fc.Arbitrary<NetworkInput> {
  return fc.integer({ min: 1, max: 12 }).chain((n) => {
    const perTask = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    const progressArb: fc.Arbitrary<TaskProgress | undefined> = fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      fc
        .record({ actualStart: fc.nat(8), length: fc.nat(5) })
        .map(({ actualStart, length }) => ({ actualStart, actualFinish: actualStart + length })),
      fc.record({ actualStart: fc.nat(8), remainingDuration: fc.option(fc.nat(5), { nil: undefined }) }),
      fc.record({ remainingDuration: fc.nat(5) }),
    );
    return fc
      .record({
        durations: perTask(fc.nat(6)),
        order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        edges: fc.array(
          fc.record({
            a: fc.nat(n - 1),
            b: fc.nat(n - 1),
            type: fc.constantFrom(...DEPENDENCY_TYPES),
            lag: fc.integer({ min: -4, max: 4 }),
          }),
          { maxLength: 3 * n },
        ),
        constraint: perTask(
          constraints
            ? fc.option(fc.record({ type: fc.constantFrom(...CONSTRAINT_TYPES), day: fc.nat(20) }), {
                nil: undefined,
              })
            : fc.constant(undefined),
        ),
        deadline: perTask(constraints ? fc.option(fc.nat(25), { nil: undefined }) : fc.constant(undefined)),
        progress: perTask(progress ? progressArb : fc.constant(undefined)),
        projectDeadline: constraints ? fc.option(fc.nat(30), { nil: undefined }) : fc.constant(undefined),
        statusDay: progress ? fc.nat(8) : fc.constant(undefined),
      })
      .map((g) => {
        const tasks: TaskInput[] = g.order.map((k) => ({
          id: `T${k}`,
          duration: g.durations[k] * durationScale,
          ...(g.constraint[k] && { constraint: g.constraint[k] }),
          ...(g.deadline[k] !== undefined && { deadline: g.deadline[k] }),
          ...(g.progress[k] && { progress: g.progress[k] }),
        }));
        const dependencies: DependencyInput[] = g.edges
          .filter((e) => e.a !== e.b)
          .map((e) => ({
            from: `T${Math.min(e.a, e.b)}`,
            to: `T${Math.max(e.a, e.b)}`,
            type: e.type,
            lag: e.lag * lagScale,
          }));
        return { tasks, dependencies, projectDeadline: g.projectDeadline, statusDay: g.statusDay };
      });
  });
}

function byId(input: NetworkInput) {
  const s = scheduleNetwork(input);
  return { projectFinish: s.projectFinish, tasks: new Map(scheduleTasks(s).map((t) => [t.id, t])) };
}

/** Does `to`'s schedule (start, finish) satisfy the relation from (start, finish)? */
function holds(type: string, lag: number, from: [number, number], to: [number, number]): boolean {
  const [fromStart, fromFinish] = from;
  const [toStart, toFinish] = to;
  if (type === 'FS') return toStart >= fromFinish + lag;
  if (type === 'SS') return toStart >= fromStart + lag;
  if (type === 'FF') return toFinish >= fromFinish + lag;
  return toFinish >= fromStart + lag;
}

describe('CPM properties on random networks', () => {
  it('agrees with the naive relaxation reference on every date, float and flag', () => {
    fc.assert(
      fc.property(networks({ constraints: true, progress: true }), (input) => {
        const reference = referenceSchedule(input)!;
        const s = scheduleNetwork(input);
        expect(s.projectFinish).toBe(reference.projectFinish);
        expect(scheduleTasks(s)).toEqual(reference.tasks);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference when weights do not fit in 16 bits (long durations, long lags)', () => {
    for (const scale of [{ durationScale: 5000 }, { lagScale: 9000 }]) {
      fc.assert(
        fc.property(networks({ constraints: true, ...scale }), (input) => {
          const reference = referenceSchedule(input)!;
          const s = scheduleNetwork(input);
          expect(s.projectFinish).toBe(reference.projectFinish);
          expect(scheduleTasks(s)).toEqual(reference.tasks);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('satisfies every dependency and SNET constraint in the early schedule, never before day 0', () => {
    fc.assert(
      fc.property(networks({ constraints: true }), (input) => {
        fc.pre(input.tasks.every((t) => t.constraint?.type !== 'MSO'));
        const { tasks } = byId(input);
        for (const t of input.tasks) {
          const r = tasks.get(t.id)!;
          expect(r.earlyStart).toBeGreaterThanOrEqual(t.constraint?.type === 'SNET' ? t.constraint.day : 0);
          expect(r.earlyFinish).toBe(r.earlyStart + t.duration);
        }
        for (const d of input.dependencies) {
          const p = tasks.get(d.from)!;
          const q = tasks.get(d.to)!;
          expect(holds(d.type!, d.lag!, [p.earlyStart, p.earlyFinish], [q.earlyStart, q.earlyFinish])).toBe(
            true,
          );
        }
      }),
    );
  });

  it('keeps late dates consistent: within the late end and FNLT/deadlines, every relation holding', () => {
    fc.assert(
      fc.property(networks({ constraints: true }), (input) => {
        fc.pre(input.tasks.every((t) => t.constraint?.type !== 'MSO'));
        const { projectFinish, tasks } = byId(input);
        const lateEnd = input.projectDeadline ?? projectFinish;
        for (const t of input.tasks) {
          const r = tasks.get(t.id)!;
          expect(r.lateFinish).toBeLessThanOrEqual(
            Math.min(
              lateEnd,
              t.deadline ?? Infinity,
              t.constraint?.type === 'FNLT' ? t.constraint.day : Infinity,
            ),
          );
          expect(r.lateFinish - r.lateStart).toBe(t.duration);
          expect(r.totalFloat).toBe(r.lateStart - r.earlyStart);
          expect(r.critical).toBe(r.totalFloat <= 0);
          expect(r.freeFloat).toBeLessThanOrEqual(projectFinish - r.earlyFinish);
        }
        for (const d of input.dependencies) {
          const p = tasks.get(d.from)!;
          const q = tasks.get(d.to)!;
          expect(holds(d.type!, d.lag!, [p.lateStart, p.lateFinish], [q.lateStart, q.lateFinish])).toBe(true);
        }
      }),
    );
  });

  it('never misreports float: slipping a task by its total float keeps the finish, one day more moves it; likewise free float and successors', () => {
    fc.assert(
      fc.property(networks(), fc.nat(), (input, pick) => {
        const base = byId(input);
        const task = input.tasks[pick % input.tasks.length];
        const r = base.tasks.get(task.id)!;
        expect(r.freeFloat).toBeGreaterThanOrEqual(0);
        expect(r.freeFloat).toBeLessThanOrEqual(r.totalFloat);
        const slipped = (days: number) =>
          byId({
            ...input,
            tasks: input.tasks.map((t) =>
              t === task ? { ...t, constraint: { type: 'SNET', day: r.earlyStart + days } } : t,
            ),
          });
        const othersMoved = (s: ReturnType<typeof byId>) =>
          s.projectFinish !== base.projectFinish ||
          input.tasks.some(
            (t) => t !== task && s.tasks.get(t.id)!.earlyStart !== base.tasks.get(t.id)!.earlyStart,
          );

        expect(slipped(r.totalFloat).projectFinish).toBe(base.projectFinish);
        expect(slipped(r.totalFloat + 1).projectFinish).toBe(base.projectFinish + 1);
        expect(othersMoved(slipped(r.freeFloat))).toBe(false);
        expect(othersMoved(slipped(r.freeFloat + 1))).toBe(true);
      }),
    );
  });

  it('reports a cycle that really is one: each named task depends on the one before it', () => {
    fc.assert(
      fc.property(
        networks(),
        fc.array(fc.nat(), { minLength: 2, maxLength: 5 }),
        fc.constantFrom(...DEPENDENCY_TYPES),
        (input, picks, type) => {
          const ids = [...new Set(picks.map((p) => input.tasks[p % input.tasks.length].id))];
          fc.pre(ids.length >= 2);
          const loop = ids.map((id, k) => ({ from: id, to: ids[(k + 1) % ids.length], type, lag: 0 }));
          const dependencies = [...input.dependencies, ...loop];
          let error: unknown;
          try {
            scheduleNetwork({ ...input, dependencies });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ScheduleCycleError);
          const cycle = (error as ScheduleCycleError).taskIds;
          expect(new Set(cycle).size).toBe(cycle.length);
          cycle.forEach((id, k) => {
            const previous = cycle[(k + cycle.length - 1) % cycle.length];
            expect(dependencies.some((d) => d.from === previous && d.to === id)).toBe(true);
          });
        },
      ),
    );
  });
});
