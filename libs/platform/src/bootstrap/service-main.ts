/**
 * The whole `main.ts` of a backend service. Telemetry starts first; everything else (Nest,
 * TypeORM, pg, the service's modules) is imported only afterwards, so instrumentation can patch
 * those modules as they load. `node main.js migrate` applies migrations and exits.
 */
import type { DynamicModule } from '@nestjs/common';
import type { BaseConfig } from '../config/base-config.js';
import { initTelemetry } from '../telemetry/init-telemetry.js';

export interface ServiceDefinition<C extends BaseConfig> {
  Config: new () => C;
  module: (config: C) => DynamicModule;
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
  if (platform.wantsMigrateOnly()) {
    await platform.runMigrateCommand({ service, config, ...def.persistence });
    return;
  }
  await platform.runService(service, def.module(config), config.LOG_LEVEL);
}
