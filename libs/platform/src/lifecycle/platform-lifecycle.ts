import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { BaseConfig } from '../config/base-config.js';
import { EventConsumers } from '../events/event-consumers.js';
import { HealthHttpServer } from '../health/health-http-server.js';
import { HealthService } from '../health/health.service.js';
import { NatsClient } from '../nats/nats-client.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { BASE_CONFIG, LOGGER } from '../platform-options.js';
import { RpcServer } from '../rpc/rpc-server.js';
import { telemetry } from '../telemetry/init-telemetry.js';

/**
 * Starts and stops the platform's moving parts in one place, in a fixed order.
 * Start: outbox relay, event consumers, request handlers, health endpoints.
 * Stop: not ready → stop taking requests and events, finish in-flight (bounded) → last outbox
 * flush → drain NATS → close the database pool.
 */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopped = false;

  constructor(
    private readonly rpcServer: RpcServer,
    private readonly consumers: EventConsumers,
    private readonly relay: OutboxRelay,
    private readonly health: HealthService,
    private readonly healthHttp: HealthHttpServer,
    private readonly nats: NatsClient,
    private readonly dataSource: DataSource,
    @Inject(BASE_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    await this.consumers.start();
    this.rpcServer.start();
    await this.healthHttp.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const started = Date.now();
    this.logger.info({ signal }, 'shutting down');
    this.health.markShuttingDown();
    const budget = this.config.SHUTDOWN_TIMEOUT_MS;
    await this.rpcServer.stop(budget);
    await this.consumers.stop(Math.max(0, budget - (Date.now() - started)));
    await this.relay.stop();
    await this.nats.drain();
    await this.healthHttp.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    // export what is buffered; the provider itself is process-wide and outlives this module
    await telemetry()?.provider?.forceFlush().catch(() => undefined);
    this.logger.info({ ms: Date.now() - started }, 'stopped');
  }
}
