import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createDataSource, migrate } from './database/data-source.js';
import { poolStats } from './database/pool-stats.js';
import { EventConsumers } from './events/event-consumers.js';
import { HealthHttpServer } from './health/health-http-server.js';
import { HealthService } from './health/health.service.js';
import { PlatformLifecycle } from './lifecycle/platform-lifecycle.js';
import { createLogger } from './logging/logger.js';
import { Metrics } from './metrics/metrics.js';
import { NatsClient } from './nats/nats-client.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { UnitOfWork } from './outbox/unit-of-work.js';
import { BASE_CONFIG, LOGGER, PLATFORM_OPTIONS, type PlatformOptions, type ResolvedPlatformOptions } from './platform-options.js';
import { RpcClient } from './rpc/rpc-client.js';
import { RpcServer } from './rpc/rpc-server.js';

/**
 * Everything a Baton service needs from the platform, wired once:
 * `PlatformModule.forService({ service: 'planning', config, entities, migrations })`.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const schema = options.schema ?? options.service;
    const providers: Provider[] = [
      { provide: PLATFORM_OPTIONS, useValue: { ...options, schema } satisfies ResolvedPlatformOptions },
      { provide: BASE_CONFIG, useValue: options.config },
      { provide: options.config.constructor, useValue: options.config },
      {
        provide: LOGGER,
        useFactory: () => createLogger(options.service, options.config.LOG_LEVEL),
      },
      {
        provide: Metrics,
        useFactory: () => new Metrics(options.service, { enabled: options.config.METRICS_ENABLED }),
      },
      {
        provide: NatsClient,
        inject: [LOGGER],
        useFactory: (logger: Logger) =>
          NatsClient.connect({
            settings: options.config,
            name: `baton-${options.service}`,
            prefix: options.config.SUBJECT_PREFIX,
            logger,
          }),
      },
      {
        provide: DataSource,
        inject: [LOGGER, Metrics],
        useFactory: async (logger: Logger, metrics: Metrics) => {
          const ds = createDataSource({
            url: options.config.DATABASE_URL,
            schema,
            service: options.service,
            entities: options.entities,
            migrations: options.migrations,
            poolSize: options.config.DB_POOL_SIZE,
          });
          await ds.initialize();
          metrics.watchDbPool(() => poolStats(ds));
          if (options.config.MIGRATE_ON_START) {
            const ran = await migrate(ds, schema);
            if (ran.length > 0) logger.info({ migrations: ran }, 'migrations applied');
          }
          return ds;
        },
      },
      RpcClient,
      RpcServer,
      OutboxRelay,
      UnitOfWork,
      EventConsumers,
      HealthService,
      HealthHttpServer,
      PlatformLifecycle,
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [DiscoveryModule],
      providers,
      exports: providers.filter((p) => p !== PlatformLifecycle) as Provider[],
    };
  }
}
