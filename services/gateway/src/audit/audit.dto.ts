import { PageRequest } from '@baton/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListAuditEventsQuery extends PageRequest {
  @ApiPropertyOptional({ description: 'only this actor (user id or API key id)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  actorId?: string;

  @ApiPropertyOptional({
    description: 'only this OpenAPI operation, e.g. createProject',
    example: 'createProject',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  operationId?: string;

  @ApiPropertyOptional({ description: 'only requests about this object id' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  targetId?: string;

  @ApiPropertyOptional({ enum: ['POST', 'PUT', 'PATCH', 'DELETE'] })
  @IsOptional()
  @IsIn(['POST', 'PUT', 'PATCH', 'DELETE'])
  method?: string;

  @ApiPropertyOptional({ description: 'the X-Request-Id of one request' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'from this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'until this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditActor {
  @ApiProperty({ description: 'user id (token subject) or API key id' })
  id: string;

  @ApiProperty({ description: 'how the caller authenticated', example: 'oidc' })
  authMethod: string;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;

  @ApiProperty({ type: AuditActor })
  actor: AuditActor;

  @ApiProperty({ example: 'PATCH' })
  method: string;

  @ApiProperty({ description: 'the route template', example: '/api/v1/projects/:id' })
  route: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'updateProject' })
  operationId: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'the id of the object the request was about' })
  targetId: string | null;

  @ApiProperty({ type: 'integer', description: 'the HTTP status of the response', example: 200 })
  status: number;

  @ApiProperty({ description: 'the X-Request-Id of the request' })
  requestId: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] })
  items: AuditEventResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'cursor of the next page; null on the last page',
  })
  nextCursor: string | null;
}
