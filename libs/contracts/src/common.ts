import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** Get one object by id. */
export class ByIdRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** Archive an object; `expectedVersion` comes from `If-Match`. */
export class ArchiveRequest extends ByIdRequest {
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
