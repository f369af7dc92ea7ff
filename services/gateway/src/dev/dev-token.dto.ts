import { DemoTenants, Roles, type Role } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateDevTokenRequest {
  @ApiPropertyOptional({ format: 'uuid', default: DemoTenants.demo.id, description: 'the tenant the token acts in' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ enum: Roles, isArray: true, default: ['pmo-admin'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Roles.length)
  @IsIn(Roles, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ maxLength: 256, default: 'dev-user', description: 'the user id (`sub`)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  sub?: string;
}

export class DevTokenResponse {
  @ApiProperty({ description: 'send as `Authorization: Bearer <token>`' })
  token: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
