import { healthContract, type HealthResponse } from '@baton/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { NatsClient } from '../nats/nats-client.js';
import { PLATFORM_OPTIONS, type ResolvedPlatformOptions } from '../platform-options.js';

export type CheckState = 'up' | 'down';

/**
 * Liveness: the process is running its event loop. Readiness: it can do its job now — NATS
 * connected, the database answering — and it is not shutting down.
 */
@Injectable()
export class HealthService {
  private shuttingDown = false;
  private readonly started = Date.now();
  readonly instance = `${hostname()}-${process.pid}`;

  constructor(
    private readonly nats: NatsClient,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_OPTIONS) private readonly options: ResolvedPlatformOptions,
  ) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async checks(): Promise<Record<string, CheckState>> {
    const db = await Promise.race([
      this.dataSource
        .query('SELECT 1')
        .then(() => 'up' as const)
        .catch(() => 'down' as const),
      new Promise<'down'>((r) => setTimeout(() => r('down'), 2000).unref()),
    ]);
    return { nats: this.nats.isConnected() ? 'up' : 'down', database: db };
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, CheckState>; shuttingDown: boolean }> {
    const checks = await this.checks();
    const ready = !this.shuttingDown && Object.values(checks).every((c) => c === 'up');
    return { ready, checks, shuttingDown: this.shuttingDown };
  }

  async report(): Promise<HealthResponse> {
    const { ready, checks } = await this.readiness();
    return {
      service: this.options.service,
      status: ready ? 'up' : 'degraded',
      version: process.env.npm_package_version ?? '0.1.0',
      instance: this.instance,
      uptimeSeconds: Math.round((Date.now() - this.started) / 1000),
      checks,
    };
  }

  get contract() {
    return healthContract(this.options.service);
  }
}
