import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { BooleanFlag, CommaList } from '../validation.js';

/**
 * Story points come from the modified Fibonacci scale most teams use for planning poker;
 * `null` means "not estimated yet". A value off the scale is refused naming `storyPoints`.
 */
export const StoryPointScale = [0, 1, 2, 3, 5, 8, 13, 20, 40, 100] as const;
export type StoryPoints = (typeof StoryPointScale)[number];

export const BacklogItemStatuses = ['todo', 'in-progress', 'done'] as const;
export type BacklogItemStatus = (typeof BacklogItemStatuses)[number];

const POINTS_MESSAGE = `storyPoints must be one of ${StoryPointScale.join(', ')} (or null: not estimated)`;

export class CreateBacklogItemBody {
  @ApiProperty({ maxLength: 200, example: 'As a buyer I can pay by card' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 8000 })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  description?: string;

  @ApiPropertyOptional({
    type: 'integer',
    enum: StoryPointScale,
    nullable: true,
    description: 'modified Fibonacci scale; null: not estimated',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsIn(StoryPointScale, { message: POINTS_MESSAGE })
  storyPoints?: number | null;

  @ApiPropertyOptional({ enum: BacklogItemStatuses, default: 'todo' })
  @IsOptional()
  @IsIn(BacklogItemStatuses)
  status?: BacklogItemStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'commit the new item to this sprint at once (capacity is checked)',
  })
  @IsOptional()
  @IsUUID()
  sprintId?: string;
}

export class CreateBacklogItemRequest extends CreateBacklogItemBody {
  @IsUUID()
  projectId: string;
}

/** PATCH body: every field optional; `null` clears the optional ones (`sprintId: null` takes it out of its sprint). */
export class UpdateBacklogItemBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 8000 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(8000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'integer', enum: StoryPointScale, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsIn(StoryPointScale, { message: POINTS_MESSAGE })
  storyPoints?: number | null;

  @ApiPropertyOptional({ enum: BacklogItemStatuses })
  @IsOptional()
  @IsIn(BacklogItemStatuses)
  status?: BacklogItemStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the sprint (same project, not closed); null: back to the backlog',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  sprintId?: string | null;
}

export class UpdateBacklogItemRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateBacklogItemBody)
  changes: UpdateBacklogItemBody;
}

/** Re-rank an item: directly before or directly after another item of the same project (exactly one). */
export class MoveBacklogItemBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'put the item just above this one' })
  @IsOptional()
  @IsUUID()
  beforeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'put the item just below this one' })
  @IsOptional()
  @IsUUID()
  afterId?: string;
}

export class MoveBacklogItemRequest extends MoveBacklogItemBody {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class DeleteBacklogItemRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export const BacklogItemSorts = [
  'rank',
  '-rank',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type BacklogItemSort = (typeof BacklogItemSorts)[number];

export class ListBacklogItemsQuery extends PageRequest {
  @ApiPropertyOptional({
    enum: BacklogItemSorts,
    default: 'rank',
    description: '`rank`: the backlog order, top first',
  })
  @IsOptional()
  @IsIn(BacklogItemSorts)
  sort?: BacklogItemSort;

  @ApiPropertyOptional({ description: 'comma-separated statuses', example: 'todo,in-progress', type: String })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(BacklogItemStatuses.length)
  @IsIn(BacklogItemStatuses, { each: true })
  status?: BacklogItemStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: 'only the items committed to this sprint' })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @ApiPropertyOptional({ description: 'only the items in no sprint (the product backlog proper)' })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  unassigned?: boolean;
}

export class ListBacklogItemsRequest extends ListBacklogItemsQuery {
  @IsUUID()
  projectId: string;
}

/** A backlog item as the API returns it, and the snapshot carried by `planning.backlog-item.*` events. */
export class BacklogItemResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty() @IsString() title: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() description: string | null;
  @ApiProperty({ type: 'integer', nullable: true, enum: StoryPointScale })
  @IsOptional()
  @IsInt()
  storyPoints: number | null;
  @ApiProperty({ enum: BacklogItemStatuses }) @IsIn(BacklogItemStatuses) status: BacklogItemStatus;
  @ApiProperty({
    type: 'integer',
    description: 'backlog order key: lower comes first (gapped, not a position)',
  })
  @IsInt()
  rank: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() sprintId:
    string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the item last became done',
  })
  @IsOptional()
  @IsString()
  doneAt: string | null;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class BacklogItemPage implements Page<BacklogItemResponse> {
  @ApiProperty({ type: [BacklogItemResponse] }) items: BacklogItemResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
