import { PageRequest, Roles, type Role } from '@baton/contracts';
import { CommaList } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { UserStatuses, type UserStatus } from './user.entity.js';

export class RoleAssignmentInput {
  @ApiProperty({ enum: Roles, example: 'project-manager' })
  @IsIn(Roles)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'only for this project; absent: tenant-wide' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class RoleAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: tenant-wide' }) projectId:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateUserRequest {
  @ApiProperty({
    maxLength: 256,
    example: 'auth0|5f1c2b',
    description: 'the identity provider subject (`sub`); unique in the tenant',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  subject: string;

  @ApiPropertyOptional({ maxLength: 320, example: 'sam@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Sam Rivera' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ type: [RoleAssignmentInput], description: 'roles to assign at once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentInput)
  roles?: RoleAssignmentInput[];
}

export class UpdateUserBody {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 320 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({
    enum: UserStatuses,
    description: "`disabled`: the user's tokens are refused in this tenant",
  })
  @IsOptional()
  @IsIn(UserStatuses)
  status?: UserStatus;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'auth0|5f1c2b' }) subject: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ enum: UserStatuses }) status: UserStatus;
  @ApiProperty({ type: [RoleAssignmentResponse] }) roles: RoleAssignmentResponse[];
  @ApiProperty({ type: 'integer', description: 'optimistic-concurrency version; also the ETag' })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserPage {
  @ApiProperty({
    type: [UserResponse],
    description: 'with `fields`, each item has only `id` and those members',
  })
  items: UserResponse[];

  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const UserSorts = ['subject', '-subject', 'createdAt', '-createdAt'] as const;
export const UserFields = [
  'subject',
  'email',
  'displayName',
  'status',
  'roles',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export class ListUsersRequest extends PageRequest {
  @ApiPropertyOptional({ enum: UserSorts, default: 'createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(UserSorts)
  sort?: (typeof UserSorts)[number];

  @ApiPropertyOptional({ description: 'case-insensitive substring of subject, email or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: Roles,
    description: 'only users holding this role (tenant-wide or for a project)',
  })
  @IsOptional()
  @IsIn(Roles)
  role?: Role;

  @ApiPropertyOptional({ enum: UserStatuses })
  @IsOptional()
  @IsIn(UserStatuses)
  status?: UserStatus;

  @ApiPropertyOptional({
    type: String,
    description: `sparse fieldset, comma-separated: ${UserFields.join(', ')} (id always)`,
    example: 'subject,email',
  })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(UserFields.length + 1)
  @IsIn(['id', ...UserFields], { each: true }) // id is always there; naming it is no error
  fields?: string[];
}
