/**
 * The engine's two failures. Both are ordinary `Error`s with the offending items attached, so a
 * service can answer 422 (validation) or 409 (cycle) naming them, and a CLI can print them.
 */

/** The input is not a valid network; `field` is a path into the input, e.g. `tasks[3].duration`. */
export class NetworkValidationError extends Error {
  override readonly name = 'NetworkValidationError';

  constructor(
    /** Path of the offending value in the input, e.g. `dependencies[2].to`. */
    readonly field: string,
    /** What is wrong with it, e.g. `unknown task "X"`. */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The dependencies form a cycle; `taskIds` lists one cycle in dependency order (each depends on the one before, the first on the last). */
export class ScheduleCycleError extends Error {
  override readonly name = 'ScheduleCycleError';

  constructor(readonly taskIds: readonly string[]) {
    super(`dependency cycle: ${[...taskIds, taskIds[0]].join(' → ')}`);
  }
}
