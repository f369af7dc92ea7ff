import type { MixedList } from 'typeorm';
import type { BaseConfig } from '../config/base-config.js';
import { createDataSource, migrate } from '../database/data-source.js';
import { createLogger } from '../logging/logger.js';

/**
 * `node dist/services/<svc>/src/main.js migrate`: applies this service's pending migrations
 * and exits (Kubernetes runs it as a pre-install/pre-upgrade hook Job).
 */
export async function runMigrateCommand(opts: {
  service: string;
  config: BaseConfig;
  schema?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}): Promise<void> {
  const logger = createLogger(opts.service, opts.config.LOG_LEVEL);
  const schema = opts.schema ?? opts.service;
  const ds = createDataSource({ url: opts.config.DATABASE_URL, schema, service: opts.service, entities: opts.entities, migrations: opts.migrations, poolSize: 2 });
  await ds.initialize();
  try {
    const ran = await migrate(ds, schema);
    logger.info({ schema, migrations: ran }, ran.length ? 'migrations applied' : 'schema up to date');
  } finally {
    await ds.destroy();
  }
}
