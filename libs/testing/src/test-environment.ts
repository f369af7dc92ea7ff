import { randomBytes } from 'node:crypto';
import { createTestDatabase, dropDatabase } from '@baton/local-infra';

/**
 * A fresh database and NATS subject prefix for one test file, so test files run in parallel
 * (and beside a running `npm start`) without seeing each other. The jest global setup exports
 * DATABASE_URL (an admin URL) and NATS_URL; this creates a `baton_test_…` database from it.
 */
export interface TestEnvironment {
  databaseUrl: string;
  natsUrl: string;
  subjectPrefix: string;
  /** environment for a service's loadConfig() */
  env(extra?: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const adminUrl = process.env.DATABASE_URL;
  const natsUrl = process.env.NATS_URL;
  if (!adminUrl || !natsUrl) {
    throw new Error('DATABASE_URL and NATS_URL must be set (the jest global setup provides them)');
  }
  const db = await createTestDatabase(adminUrl);
  const subjectPrefix = `t${randomBytes(5).toString('hex')}.`;
  return {
    databaseUrl: db.url,
    natsUrl,
    subjectPrefix,
    env: (extra = {}) => ({
      DATABASE_URL: db.url,
      NATS_URL: natsUrl,
      SUBJECT_PREFIX: subjectPrefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MIGRATE_ON_START: 'true',
      RPC_TIMEOUT_MS: '2000',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...extra,
    }),
    dispose: () => dropDatabase(adminUrl, db.name),
  };
}
