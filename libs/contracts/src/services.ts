import { IsOptional, IsString } from 'class-validator';
import { rpc } from './contract.js';

export const ServiceNames = ['gateway', 'planning', 'resources', 'budget', 'risk', 'quality', 'reporting'] as const;
export type ServiceName = (typeof ServiceNames)[number];
/** the services that answer on NATS (the gateway is HTTP only) */
export const BackendServices = ServiceNames.filter((s) => s !== 'gateway') as Exclude<ServiceName, 'gateway'>[];

export class HealthRequest {
  @IsOptional()
  @IsString()
  probe?: string;
}

export class HealthResponse {
  service: string;
  status: 'up' | 'degraded';
  version: string;
  instance: string;
  uptimeSeconds: number;
  checks: Record<string, 'up' | 'down'>;
}

/** `baton.v1.<service>.health`: every backend service answers it (queue group = service). */
export const healthContract = (service: string) =>
  rpc(`baton.v1.${service}.health`, HealthRequest, HealthResponse, { tenantScoped: false });
