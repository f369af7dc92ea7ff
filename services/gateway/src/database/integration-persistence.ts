import { CreateIntegrationTables1763771000000 } from './migrations/1763771000000-CreateIntegrationTables.js';

/**
 * The gateway tables behind idempotency keys, the audit log and webhooks. Their repositories
 * use SQL through the DataSource (claims with ON CONFLICT, batched inserts, SKIP LOCKED), so
 * there are no TypeORM entities for them.
 */
export const IntegrationPersistence = {
  entities: [],
  migrations: [CreateIntegrationTables1763771000000],
};
