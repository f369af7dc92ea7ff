/**
 * An independent feasibility check for a leveled schedule, written directly from the problem
 * statement (no code shared with the engine): every finish-to-start dependency holds and, on every
 * day, every resource's total demand stays within its capacity.
 */
import type { LevelingProblem } from '@baton/scheduling';

/** Returns `null` when feasible, else a sentence naming the first violation. */
export function checkSchedule(
  problem: LevelingProblem,
  starts: ArrayLike<number>,
  makespan: number,
): string | null {
  const byId = new Map(problem.tasks.map((t, i) => [t.id, i]));
  let last = 0;
  for (let i = 0; i < problem.tasks.length; i++) {
    if (!Number.isInteger(starts[i]) || starts[i] < 0)
      return `task ${problem.tasks[i].id} starts on ${starts[i]}`;
    last = Math.max(last, starts[i] + problem.tasks[i].duration);
  }
  if (last !== makespan) return `makespan ${makespan} but the last task finishes on ${last}`;
  for (const d of problem.dependencies) {
    const a = byId.get(d.from)!;
    const b = byId.get(d.to)!;
    if (starts[b] < starts[a] + problem.tasks[a].duration + (d.lag ?? 0))
      return `${d.from} → ${d.to} violated`;
  }
  for (const r of problem.resources) {
    const use = new Float64Array(last + 1);
    problem.tasks.forEach((t, i) => {
      const q = t.demands?.[r.id] ?? 0;
      for (let day = starts[i]; day < starts[i] + t.duration; day++) use[day] += q;
    });
    const day = use.findIndex((u) => u > r.capacity + 1e-6);
    if (day >= 0) return `resource ${r.id} over capacity on day ${day} (${use[day]} > ${r.capacity})`;
  }
  return null;
}
