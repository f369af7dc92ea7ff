import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ServiceStatus {
  @ApiProperty({ example: 'planning' }) name: string;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ description: 'round trip of the health request in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional({ description: 'the instance that answered (host-pid)' }) instance?: string;
  @ApiPropertyOptional({ description: 'why the service is down' }) detail?: string;
}

export class SystemStatusResponse {
  @ApiProperty({ type: [ServiceStatus] }) services: ServiceStatus[];
}

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ example: { nats: 'up', database: 'up' } }) checks: Record<string, 'up' | 'down'>;
}
