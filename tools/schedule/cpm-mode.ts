import { type NetworkInput, scheduleNetwork } from '@baton/scheduling';

/** One task of the CLI's output, in working-day offsets from day 0. */
export interface CpmTaskOutput {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  totalFloat: number;
  freeFloat: number;
  critical: boolean;
  /** Only when the input uses deadlines (`deadline` on a task, or `projectDeadline`). */
  late?: boolean;
}

export interface CpmOutput {
  projectFinish: number;
  tasks: CpmTaskOutput[];
}

function usesDeadlines(input: NetworkInput): boolean {
  return input.projectDeadline !== undefined || input.tasks.some((t) => t.deadline !== undefined);
}

/**
 * The default mode: the critical path method over the network, in the format of issue 3, tasks in
 * input order. Throws the engine's `NetworkValidationError` / `ScheduleCycleError` unchanged.
 */
export function runCpm(input: NetworkInput): CpmOutput {
  const s = scheduleNetwork(input);
  const withLate = usesDeadlines(input);
  const tasks = new Array<CpmTaskOutput>(s.network.taskCount);
  for (let i = 0; i < tasks.length; i++) {
    tasks[i] = {
      id: input.tasks[i].id,
      earlyStart: s.earlyStart[i],
      earlyFinish: s.earlyFinish[i],
      lateStart: s.lateStart[i],
      lateFinish: s.lateFinish[i],
      totalFloat: s.totalFloat[i],
      freeFloat: s.freeFloat[i],
      critical: s.critical[i] === 1,
      ...(withLate && { late: s.late[i] === 1 }),
    };
  }
  return { projectFinish: s.projectFinish, tasks };
}
