import { DataSource, type MixedList } from 'typeorm';
import { PlatformMigrations } from './platform-migrations.js';

export interface DataSourceOptions {
  url: string;
  schema: string;
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  poolSize?: number;
}

/**
 * The one data source of a service: its own schema, never `synchronize`, the platform's
 * outbox/inbox migrations first and then the service's own. Used by the app and by `migrate`.
 */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities ?? [],
    migrations: [...PlatformMigrations, ...(opts.migrations ?? [])],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false, // failures surface as errors the callers log with context
    applicationName: `baton-${opts.service}`,
    extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
}

/**
 * Runs pending migrations of this service's schema. Creates the schema first (TypeORM puts its
 * migrations table inside it) and holds an advisory lock so that replicas starting together
 * migrate once. Each migration runs in its own transaction.
 */
export async function migrate(ds: DataSource, schema: string): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`baton.migrate.${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`baton.migrate.${schema}`]).catch(() => undefined);
    await runner.release();
  }
}
