import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database and NATS subject prefix for one test file, so test files run in parallel
 * (and beside a running `npm start`) without seeing each other. The jest global setup exports
 * DATABASE_URL (an admin URL) and NATS_URL; this creates `baton_test_<random>` from it.
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
  const id = randomBytes(5).toString('hex');
  const dbName = `baton_test_${id}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const subjectPrefix = `t${id}.`;
  return {
    databaseUrl,
    natsUrl,
    subjectPrefix,
    env: (extra = {}) => ({
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      SUBJECT_PREFIX: subjectPrefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MIGRATE_ON_START: 'true',
      RPC_TIMEOUT_MS: '2000',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...extra,
    }),
    async dispose() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
