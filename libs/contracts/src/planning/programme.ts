import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { BooleanFlag } from '../validation.js';
import { PROJECT_CODE, PROJECT_CODE_MESSAGE } from './project.js';

/**
 * A programme groups related projects inside one portfolio (portfolio → programme → project).
 * Its projects are always in its portfolio; like a portfolio it is archived, never deleted.
 */
export class CreateProgrammeRequest {
  @ApiProperty({ maxLength: 200, example: 'Finance transformation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'the portfolio this programme belongs to (same tenant, not archived)' })
  @IsUUID()
  portfolioId: string;

  @ApiPropertyOptional({ pattern: PROJECT_CODE.source, example: 'FIN-TX', description: 'unique among the tenant’s programmes' })
  @IsOptional()
  @IsString()
  @Matches(PROJECT_CODE, { message: PROJECT_CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

/** PATCH body: every field optional; `null` clears the optional ones. */
export class UpdateProgrammeBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'move the programme to another portfolio: 409 while any project is in the programme',
  })
  @IsOptional()
  @IsUUID()
  portfolioId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PROJECT_CODE.source })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Matches(PROJECT_CODE, { message: PROJECT_CODE_MESSAGE })
  code?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}

export class UpdateProgrammeRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateProgrammeBody)
  changes: UpdateProgrammeBody;
}

export const ProgrammeSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ProgrammeSort = (typeof ProgrammeSorts)[number];

export class ListProgrammesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ProgrammeSorts, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(ProgrammeSorts)
  sort?: ProgrammeSort;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the programmes of this portfolio' })
  @IsOptional()
  @IsUUID()
  portfolioId?: string;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: false, description: 'include archived programmes' })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  includeArchived?: boolean;
}

/** A programme as the API returns it, and the snapshot carried by `planning.programme.*` events. */
export class ProgrammeResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() portfolioId: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() code: string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() description: string | null;
  @ApiProperty({ enum: ['active', 'archived'] }) @IsIn(['active', 'archived']) status: 'active' | 'archived';
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsString()
  archivedAt: string | null;
}

export class ProgrammePage implements Page<ProgrammeResponse> {
  @ApiProperty({ type: [ProgrammeResponse] }) items: ProgrammeResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
