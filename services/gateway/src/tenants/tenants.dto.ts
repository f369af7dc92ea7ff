import { PageRequest } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class TenantAdminInput {
  @ApiProperty({
    maxLength: 256,
    example: 'auth0|5f1c…',
    description: 'the identity provider subject (`sub`) of the first admin',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  subject: string;

  @ApiPropertyOptional({ maxLength: 320, example: 'pmo.lead@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Dana PMO' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

export class CreateTenantRequest {
  @ApiProperty({ maxLength: 200, example: 'Infrastructure PMO' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: TenantAdminInput, description: 'a first user, given the pmo-admin role' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantAdminInput)
  admin?: TenantAdminInput;
}

export class TenantResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Infrastructure PMO' }) name: string;
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TenantPage {
  @ApiProperty({ type: [TenantResponse] }) items: TenantResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const TenantSorts = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class ListTenantsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: TenantSorts, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(TenantSorts)
  sort?: (typeof TenantSorts)[number];

  @ApiPropertyOptional({ description: 'case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class TenantSettingsResponse {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 600,
    description: 'requests per minute per API key or user; null: the gateway default',
  })
  rateLimitPerMinute: number | null;

  @ApiProperty({
    description: 'webhooks may target loopback, link-local and private addresses',
    example: false,
  })
  webhookAllowPrivateTargets: boolean;

  @ApiProperty({ type: 'integer', description: 'also the ETag' }) version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UpdateTenantSettingsBody {
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 1_000_000, example: 600 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number | null;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  webhookAllowPrivateTargets?: boolean;
}
