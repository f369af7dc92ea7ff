/**
 * The whole `main.ts` of a Baton service. Telemetry starts first; everything else (Nest,
 * TypeORM, pg, the service's modules) is imported only afterwards, so instrumentation can patch
 * those modules as they load. `node main.js migrate` applies migrations and exits.
 */
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from '../config/base-config.js';
import { initTelemetry } from '../telemetry/init-telemetry.js';

export interface ServiceDefinition<C extends BaseConfig> {
  Config: new () => C;
  /** a backend service: its root module, run as a Nest application context */
  module?: (config: C) => DynamicModule;
  /** a service that starts itself instead (the gateway listens on HTTP) */
  start?: (config: C, logger: Logger) => Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  persistence?: { entities?: Function[]; migrations?: Function[] };
}

export async function serviceMain<C extends BaseConfig>(
  service: string,
  load: () => Promise<ServiceDefinition<C>>,
): Promise<void> {
  await initTelemetry(service);
  const platform = await import('../index.js');
  const def = await load();
  const config = platform.loadConfigOrExit(def.Config, service);
  const logger = platform.createLogger(service, config.LOG_LEVEL);
  try {
    if (platform.wantsMigrateOnly()) await platform.runMigrateCommand({ service, config, ...def.persistence });
    else if (def.start) await def.start(config, logger);
    else if (def.module) await platform.runService(service, def.module(config), logger);
    else throw new Error(`service ${service} defines neither module nor start`);
  } catch (err) {
    logger.fatal({ err }, platform.wantsMigrateOnly() ? 'migration failed' : 'failed to start');
    process.exit(1);
  }
}
