import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/**
 * A leveling run: the resources service levels one project's tasks against the approved
 * assignments on them (people as renewable resources of 100% a day), proposes later starts for
 * the tasks that must wait, and, once a project manager applies the proposal, asks planning to
 * hold each moved task back (a start-no-earlier-than constraint) and moves the task's assignments
 * with it. Tasks are only ever delayed, never brought forward.
 */
export const LevelingRunStatuses = ['proposed', 'applied', 'discarded'] as const;
export type LevelingRunStatus = (typeof LevelingRunStatuses)[number];

export class StartLevelingRunBody {
  @ApiPropertyOptional({
    minimum: 50,
    maximum: 10000,
    default: 1000,
    description: 'search time in milliseconds',
  })
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(10000)
  budgetMs?: number;
}

export class StartLevelingRunRequest extends StartLevelingRunBody {
  @IsUUID() projectId: string;
}

export class LevelingRunKey {
  @IsUUID() id: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class LevelingChange {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() name: string;
  @ApiProperty() wbsCode: string;
  @ApiProperty({ format: 'date' }) currentStart: string;
  @ApiProperty({ format: 'date' }) proposedStart: string;
  @ApiProperty({ format: 'date', description: 'last working day at the proposed start' })
  proposedFinish: string;
  @ApiProperty({ description: 'working days later than now' }) delayDays: number;
}

export class LevelingSkip {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({
    description: 'why the task was left where it is (started, finished, pinned by a constraint)',
  })
  reason: string;
}

export class LevelingRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: LevelingRunStatuses }) status: LevelingRunStatus;
  @ApiProperty() budgetMs: number;
  @ApiProperty({ description: 'working days from the project start to the last finish, before leveling' })
  makespanBefore: number;
  @ApiProperty({ description: 'the same after leveling' }) makespanAfter: number;
  @ApiProperty({ description: 'no schedule of these tasks and people can be shorter' }) lowerBound: number;
  @ApiProperty() schedulesEvaluated: number;
  @ApiProperty({ description: 'people whose assignments were leveled' }) resources: number;
  @ApiProperty({ type: [LevelingChange] }) changes: LevelingChange[];
  @ApiProperty({ type: [LevelingSkip] }) skipped: LevelingSkip[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty() version: number;
}

/** payload of resources.leveling-run.* events */
export class LevelingRunEvent {
  @IsUUID() id: string;
  @IsUUID() projectId: string;
  @IsInt() changes: number;
}
