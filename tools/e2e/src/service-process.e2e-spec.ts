import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import pg from 'pg';
import { buildAll, ServiceProcess } from './support/binaries.js';

const SERVICES = ['planning', 'resources', 'budget', 'risk', 'quality', 'reporting'];

async function run(service: string, args: string[], env: Record<string, string>) {
  const p = new ServiceProcess(service, env, args).start();
  const code = await p.exited();
  return { code, stdout: p.stdout.join('\n'), stderr: p.stderr.join('\n') };
}

/** The built service binaries as Kubernetes and `npm start` run them. */
describe('service processes', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment();
    await buildAll();
  });

  afterAll(async () => {
    await env?.dispose();
  });

  it('`main.js migrate` creates each service’s own schema with its migrations, and is idempotent', async () => {
    for (const service of SERVICES) {
      const first = await run(service, ['migrate'], env.env({ LOG_LEVEL: 'info' }));
      expect(first.code).toBe(0);
    }
    const again = await run('planning', ['migrate'], env.env({ LOG_LEVEL: 'info' }));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('schema up to date');

    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_schema: string; table_name: string }>(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1)`,
        [SERVICES],
      );
      const tables = rows.map((r) => `${r.table_schema}.${r.table_name}`);
      for (const service of SERVICES) {
        expect(tables).toEqual(
          expect.arrayContaining([`${service}.migrations`, `${service}.outbox`, `${service}.inbox`]),
        );
      }
      expect(tables).toEqual(
        expect.arrayContaining(['planning.project', 'planning.portfolio', 'reporting.project_view']),
      );
    } finally {
      await client.end();
    }
  });

  it('stops at start with one line naming a missing or malformed variable', async () => {
    const missing = await run('planning', [], { NATS_URL: env.natsUrl });
    expect(missing.code).toBe(78);
    expect(missing.stderr.trim().split('\n')).toEqual([
      'planning: invalid configuration: DATABASE_URL is required',
    ]);

    const malformed = await run('budget', [], env.env({ RPC_TIMEOUT_MS: 'fast' }));
    expect(malformed.code).toBe(78);
    expect(malformed.stderr.trim()).toMatch(/^budget: invalid configuration: RPC_TIMEOUT_MS must/);
  });
});
