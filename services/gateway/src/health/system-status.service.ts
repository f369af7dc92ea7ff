import { BackendServices, healthContract } from '@baton/contracts';
import { HealthService, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import type { ServiceStatus } from './system-status.dto.js';

const HEALTH_TIMEOUT_MS = 1500;

/** Asks every backend service for its health over NATS, in parallel, each with a short timeout. */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly health: HealthService,
  ) {}

  async status(ctx: RpcCallContext): Promise<ServiceStatus[]> {
    const started = Date.now();
    const own = await this.health.readiness();
    const gateway: ServiceStatus = {
      name: 'gateway',
      status: own.ready ? 'up' : 'down',
      latencyMs: Date.now() - started,
      instance: this.health.instance,
      ...(own.ready ? {} : { detail: describeChecks(own.checks) }),
    };
    const backends = await Promise.all(BackendServices.map((name) => this.probe(name, ctx)));
    return [gateway, ...backends];
  }

  private async probe(name: string, ctx: RpcCallContext): Promise<ServiceStatus> {
    const started = Date.now();
    try {
      const report = await this.rpc.send(healthContract(name), {}, { ...ctx, timeoutMs: HEALTH_TIMEOUT_MS });
      const latencyMs = Date.now() - started;
      return report.status === 'up'
        ? { name, status: 'up', latencyMs, instance: report.instance }
        : { name, status: 'down', latencyMs, instance: report.instance, detail: `degraded: ${describeChecks(report.checks)}` };
    } catch (err) {
      const detail = err instanceof RpcError ? err.message : 'health request failed';
      return { name, status: 'down', latencyMs: Date.now() - started, detail };
    }
  }
}

const describeChecks = (checks: Record<string, string>) =>
  Object.entries(checks)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
