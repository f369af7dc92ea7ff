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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { BooleanFlag } from '../validation.js';

export class CreatePortfolioRequest {
  @ApiProperty({ maxLength: 200, example: 'Digital Workplace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class UpdatePortfolioBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class UpdatePortfolioRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdatePortfolioBody)
  changes: UpdatePortfolioBody;
}

export const PortfolioSorts = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type PortfolioSort = (typeof PortfolioSorts)[number];

export class ListPortfoliosRequest extends PageRequest {
  @ApiPropertyOptional({ enum: PortfolioSorts, default: 'createdAt' })
  @IsOptional()
  @IsIn(PortfolioSorts)
  sort?: PortfolioSort;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  includeArchived?: boolean;
}

export class PortfolioResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() description: string | null;
  @ApiProperty({ enum: ['active', 'archived'] }) @IsIn(['active', 'archived']) status: 'active' | 'archived';
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' }) @IsInt() version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @IsString()
  archivedAt: string | null;
}

export class PortfolioPage implements Page<PortfolioResponse> {
  @ApiProperty({ type: [PortfolioResponse] }) items: PortfolioResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
