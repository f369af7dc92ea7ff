export {
  compileProblem,
  LevelingError,
  type LevelingDependency,
  type LevelingErrorCode,
  type LevelingProblem,
  type LevelingResource,
  type LevelingTask,
} from './problem.js';
export {
  criticalPathLowerBound,
  levelSchedule,
  serialSchedule,
  type LevelingOptions,
  type LevelingResult,
  type ScheduledTask,
} from './level.js';
export { PRIORITY_RULES, type PriorityRule } from './priority.js';
export { parsePsplib, type PsplibInstance } from './psplib.js';
export { DEFAULT_TUNING, type GeneticTuning } from './genetic.js';
