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
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { BooleanFlag, CommaList, IsCalendarDate } from '../validation.js';

export const ProjectStatuses = ['proposed', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof ProjectStatuses)[number];

/** the shape of a project's (and a programme's) code */
export const PROJECT_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const PROJECT_CODE_MESSAGE =
  'code must be 1-32 upper-case letters, digits or dashes, starting with a letter or digit';
const CODE = PROJECT_CODE;
const CODE_MESSAGE = PROJECT_CODE_MESSAGE;

export class CreateProjectRequest {
  @ApiProperty({ maxLength: 200, example: 'ERP rollout' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ pattern: CODE.source, example: 'ERP-01', description: 'unique in the tenant' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the portfolio this project belongs to' })
  @IsOptional()
  @IsUUID()
  portfolioId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "the programme this project belongs to; the project's portfolio is the programme's (taken from it when portfolioId is absent)",
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ enum: ProjectStatuses, default: 'proposed' })
  @IsOptional()
  @IsIn(ProjectStatuses)
  status?: ProjectStatus;

  @ApiPropertyOptional({ format: 'date', example: '2027-01-04' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-06-30', description: 'on or after startDate' })
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string;
}

/** PATCH body: every field optional; `null` clears the optional ones. */
export class UpdateProjectBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: CODE.source })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  portfolioId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: "the programme; the project's portfolio follows it when the project has none",
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  programmeId?: string | null;

  @ApiPropertyOptional({ enum: ProjectStatuses })
  @IsOptional()
  @IsIn(ProjectStatuses)
  status?: ProjectStatus;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsCalendarDate()
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsCalendarDate()
  targetDate?: string | null;
}

export class UpdateProjectRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateProjectBody)
  changes: UpdateProjectBody;
}

export const ProjectSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ProjectSort = (typeof ProjectSorts)[number];

export class ListProjectsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ProjectSorts, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(ProjectSorts)
  sort?: ProjectSort;

  @ApiPropertyOptional({
    description: 'comma-separated statuses',
    example: 'active,on_hold',
    type: String,
  })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ProjectStatuses.length)
  @IsIn(ProjectStatuses, { each: true })
  status?: ProjectStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  portfolioId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: false, description: 'include archived projects' })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  includeArchived?: boolean;
}

/** A project as the API returns it, and the snapshot carried by `planning.project.*` events. */
export class ProjectResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() code: string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() description: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  portfolioId: string | null;
  // optional on the wire: events written before programmes existed carry no programmeId
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  programmeId: string | null;
  @ApiProperty({ enum: ProjectStatuses }) @IsIn(ProjectStatuses) status: ProjectStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  targetDate: string | null;
  @ApiProperty() @IsBoolean() archived: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsString()
  archivedAt: string | null;
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class ProjectPage implements Page<ProjectResponse> {
  @ApiProperty({ type: [ProjectResponse] }) items: ProjectResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
