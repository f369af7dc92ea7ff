import { CommaList, PageRequest, Roles, type Role } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const ApiKeyStatuses = ['active', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof ApiKeyStatuses)[number];

export const MAX_API_KEY_DAYS = 366;

export class CreateApiKeyRequest {
  @ApiProperty({ maxLength: 200, example: 'Jira sync' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: Roles,
    example: 'viewer',
    description: 'the key acts with this one role in the tenant',
  })
  @IsIn(Roles)
  role: Role;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_API_KEY_DAYS,
    default: 90,
    description: 'days until the key expires',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_API_KEY_DAYS)
  expiresInDays?: number;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jira sync' }) name: string;
  @ApiProperty({
    example: 'bat_k3j9x2m4qa',
    description: 'the public start of the key (the secret is never shown again)',
  })
  prefix: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty({ enum: ApiKeyStatuses }) status: ApiKeyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rotatedAt: string | null;
  @ApiProperty({ description: 'the subject of the admin who created it' }) createdBy: string;
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** Creation and rotation answer once with the whole key. */
export class ApiKeyWithSecretResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'bat_k3j9x2m4qa_3q2-7wVh0cT1cQ0m8yQp1eHq9s8m2L6vN4xR5tY7uI0',
    description: 'send as `Authorization: Bearer <key>`; shown only in this response',
  })
  key: string;
}

export class ApiKeyPage {
  @ApiProperty({
    type: [ApiKeyResponse],
    description: 'with `fields`, each item has only `id` and those members',
  })
  items: ApiKeyResponse[];

  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const ApiKeySorts = ['name', '-name', 'createdAt', '-createdAt'] as const;
export const ApiKeyFields = [
  'name',
  'prefix',
  'role',
  'status',
  'expiresAt',
  'revokedAt',
  'rotatedAt',
  'createdBy',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export class ListApiKeysRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ApiKeySorts, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(ApiKeySorts)
  sort?: (typeof ApiKeySorts)[number];

  @ApiPropertyOptional({ enum: ApiKeyStatuses })
  @IsOptional()
  @IsIn(ApiKeyStatuses)
  status?: ApiKeyStatus;

  @ApiPropertyOptional({ enum: Roles })
  @IsOptional()
  @IsIn(Roles)
  role?: Role;

  @ApiPropertyOptional({
    type: String,
    description: `sparse fieldset, comma-separated: ${ApiKeyFields.join(', ')} (id always)`,
    example: 'name,prefix',
  })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ApiKeyFields.length + 1)
  @IsIn(['id', ...ApiKeyFields], { each: true }) // id is always there; naming it is no error
  fields?: string[];
}
