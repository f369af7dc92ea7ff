/** Task requests: the bodies and queries of the task endpoints and RPCs (responses and events: task.ts). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageRequest } from '../pagination.js';
import { IntegerParam, IsCalendarDate } from '../validation.js';

export const ConstraintTypes = ['SNET', 'FNLT', 'MSO'] as const;
/** SNET start no earlier than, FNLT finish no later than, MSO must start on */
export type ConstraintType = (typeof ConstraintTypes)[number];

export const TaskKinds = ['task', 'summary', 'milestone'] as const;
export type TaskKind = (typeof TaskKinds)[number];

/** the longest task, in working days (about 40 years) */
export const MAX_DURATION_DAYS = 10_000;

const nullable = () => ValidateIf((_, v) => v !== null && v !== undefined);

export class CreateTaskRequest {
  @ApiProperty({ format: 'uuid', description: 'the project (taken from the path)' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the summary task this task sits under; none: top level',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'place among its siblings (0 = first); default last',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiProperty({ maxLength: 200, example: 'Design the data model' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    default: 1,
    description: 'working days; 0 makes a milestone',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_DAYS)
  duration?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'work in hours' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  effort?: number;

  @ApiPropertyOptional({ enum: ConstraintTypes })
  @IsOptional()
  @IsIn(ConstraintTypes)
  constraintType?: ConstraintType;

  @ApiPropertyOptional({
    format: 'date',
    description: "the constraint's date (required with constraintType)",
  })
  @IsOptional()
  @IsCalendarDate()
  constraintDate?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'finish by this date; missing it shows negative float and late: true',
  })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;
}

/** PATCH body; `null` clears an optional field. Progress lives here too. */
export class UpdateTaskBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_DAYS)
  duration?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @nullable()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  effort?: number | null;

  @ApiPropertyOptional({ enum: ConstraintTypes, nullable: true })
  @nullable()
  @IsIn(ConstraintTypes)
  constraintType?: ConstraintType | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @nullable()
  @IsCalendarDate()
  constraintDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @nullable()
  @IsCalendarDate()
  deadline?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  percentComplete?: number;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @nullable()
  @IsCalendarDate()
  actualStart?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'sets percentComplete to 100',
  })
  @nullable()
  @IsCalendarDate()
  actualFinish?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'working days left from the status date',
  })
  @nullable()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_DAYS)
  remainingDuration?: number | null;
}

export class UpdateTaskRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateTaskBody)
  changes: UpdateTaskBody;
}

export class MoveTaskBody {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the new parent; null: top level (required: leaving it out is a 400, not a move to the top)',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'place among the new siblings; default last',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class MoveTaskRequest extends MoveTaskBody {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class DeleteTaskRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** `?baseline=<name or id>`: show variance against that baseline */
export class BaselineQuery {
  @ApiPropertyOptional({
    description: 'a baseline of the project, by name or id: adds variance to each task',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  baseline?: string;
}

export class GetTaskRequest extends BaselineQuery {
  @IsUUID()
  id: string;
}

export class ListTasksRequest extends PageRequest {
  @ApiProperty({ format: 'uuid', description: 'the project (taken from the path)' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({
    description: 'a baseline of the project, by name or id: adds variance to each task',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  baseline?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'only tasks down to this WBS level' })
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(50)
  maxLevel?: number;
}
