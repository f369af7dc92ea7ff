import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { PageRequest, type Page } from '../pagination.js';
import { CommaList, IntegerParam, IsCalendarDate } from '../validation.js';

export const SprintStates = ['planned', 'active', 'closed'] as const;
export type SprintState = (typeof SprintStates)[number];

/** the largest capacity a sprint may declare, in story points */
export const MAX_SPRINT_CAPACITY = 10_000;

export class CreateSprintBody {
  @ApiProperty({ maxLength: 200, example: 'Sprint 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  goal?: string;

  @ApiProperty({ format: 'date', example: '2027-01-04', description: 'first day of the sprint' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({
    format: 'date',
    example: '2027-01-15',
    description: 'last day of the sprint, after startDate',
  })
  @IsCalendarDate()
  endDate: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_SPRINT_CAPACITY,
    description: 'story points the team can take on',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SPRINT_CAPACITY)
  capacity: number;
}

export class CreateSprintRequest extends CreateSprintBody {
  @IsUUID()
  projectId: string;
}

/** PATCH body. Dates change only while the sprint is planned; nothing changes once it is closed. */
export class UpdateSprintBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(2000)
  goal?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_SPRINT_CAPACITY })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SPRINT_CAPACITY)
  capacity?: number;
}

export class UpdateSprintRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateSprintBody)
  changes: UpdateSprintBody;
}

/** start (planned → active) or close (active → closed); `expectedVersion` comes from If-Match */
export class SprintTransitionRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CommitSprintItemsBody {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 100,
    description: 'backlog items of the same project',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  itemIds: string[];

  @ApiPropertyOptional({
    default: false,
    description:
      'commit even when the committed points would exceed the capacity (else 409 naming `capacity`)',
  })
  @IsOptional()
  @IsBoolean()
  allowOverCapacity?: boolean;
}

export class CommitSprintItemsRequest extends CommitSprintItemsBody {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export const SprintSorts = ['startDate', '-startDate', 'createdAt', '-createdAt'] as const;
export type SprintSort = (typeof SprintSorts)[number];

export class ListSprintsQuery extends PageRequest {
  @ApiPropertyOptional({ enum: SprintSorts, default: 'startDate' })
  @IsOptional()
  @IsIn(SprintSorts)
  sort?: SprintSort;

  @ApiPropertyOptional({ description: 'comma-separated states', example: 'planned,active', type: String })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(SprintStates.length)
  @IsIn(SprintStates, { each: true })
  state?: SprintState[];
}

export class ListSprintsRequest extends ListSprintsQuery {
  @IsUUID()
  projectId: string;
}

/** A sprint as the API returns it, and the snapshot carried by `planning.sprint.*` events. */
export class SprintResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() goal: string | null;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() endDate: string;
  @ApiProperty({ type: 'integer', description: 'story points' }) @IsInt() capacity: number;
  @ApiProperty({ enum: SprintStates }) @IsIn(SprintStates) state: SprintState;
  @ApiProperty({
    type: 'integer',
    description: 'story points of the items in the sprint (frozen when it closed)',
  })
  @IsInt()
  committedPoints: number;
  @ApiProperty({ type: 'integer', description: 'items in the sprint (frozen when it closed)' })
  @IsInt()
  itemCount: number;
  @ApiProperty({ description: 'committed points exceed the capacity' }) @IsBoolean() overCommitted: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'points of the items done when the sprint closed: its velocity',
  })
  @IsOptional()
  @IsInt()
  completedPoints: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsString() startedAt:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsString() closedAt:
    string | null;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class SprintPage implements Page<SprintResponse> {
  @ApiProperty({ type: [SprintResponse] }) items: SprintResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class VelocityQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    default: 3,
    description: 'sprints in the rolling average',
  })
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(20)
  window?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'the most recent closed sprints to list',
  })
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class VelocityRequest extends VelocityQuery {
  @IsUUID()
  projectId: string;
}

export class SprintVelocity {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sprintId: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() endDate: string;
  @ApiProperty({ type: 'integer' }) @IsInt() capacity: number;
  @ApiProperty({ type: 'integer' }) @IsInt() committedPoints: number;
  @ApiProperty({ type: 'integer', description: 'the velocity of this sprint' })
  @IsInt()
  completedPoints: number;
  @ApiProperty({
    description:
      'mean completed points of this sprint and the window − 1 closed sprints before it (2 decimals)',
  })
  @IsNumber()
  rollingAverage: number;
}

export class VelocityResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty({ type: 'integer' }) @IsInt() window: number;
  @ApiProperty({ type: [SprintVelocity], description: 'closed sprints, oldest first' })
  @ValidateNested({ each: true })
  @Type(() => SprintVelocity)
  sprints: SprintVelocity[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'mean completed points of the last `window` closed sprints; null before the first closes',
  })
  @IsOptional()
  @IsNumber()
  averageVelocity: number | null;
}
