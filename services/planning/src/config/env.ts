import { BaseConfig } from '@baton/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Planning's variables on top of the platform's. */
export class PlanningConfig extends BaseConfig {
  /**
   * Project reads (`GET /projects/{id}`) made in one event-loop turn go to Postgres as one query
   * of at most this many; 1 sends one query per read (see `ProjectRepository.findView`).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  PLANNING_READ_BATCH_MAX = 256;
}
