import { createDataSource, migrate } from '@baton/platform';
import { createTestEnvironment, pendingSchemaChanges, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayPersistence } from '../../../services/gateway/src/app.module.js';
import { PlanningPersistence } from '../../../services/planning/src/app.module.js';
import { ReportingPersistence } from '../../../services/reporting/src/app.module.js';
import { ResourcesPersistence } from '../../../services/resources/src/app.module.js';

// Every service with entities; one without (budget, …) has nothing to drift yet.
const SERVICES = {
  planning: PlanningPersistence,
  reporting: ReportingPersistence,
  resources: ResourcesPersistence,
  gateway: GatewayPersistence,
};

/** An entity changed without a migration fails here: after migrating, TypeORM must find nothing to change. */
describe('schema drift between entities and migrations', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment();
  });

  afterAll(async () => {
    await env?.dispose();
  });

  it.each(Object.entries(SERVICES))(
    '%s: the migrated schema matches the entities',
    async (service, persistence) => {
      const ds = createDataSource({ url: env.databaseUrl, schema: service, service, ...persistence });
      await ds.initialize();
      try {
        await migrate(ds, service);
        expect(await pendingSchemaChanges(ds)).toEqual([]);
      } finally {
        await ds.destroy();
      }
    },
  );
});
