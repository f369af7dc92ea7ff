// Starts the real things this library can start, embedded Postgres and nats-server, each in a
// temp dir with DATABASE_URL / NATS_URL unset (the Jest global setup may have set them), talks to
// each, and stops them again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createTestDatabase,
  dropDatabase,
  ensureDatabase,
  ensureNats,
  ensurePostgres,
  isPortFree,
} from './index.js';

const quiet = () => undefined;
const envWithout = (name: string) =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== name));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('local infrastructure', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-local-infra-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts an embedded Postgres, creates databases in it, restarts it on the same data, and stops it', async () => {
    const dataDir = join(dir, 'postgres');
    const env = envWithout('DATABASE_URL');
    const first = await ensurePostgres({ dataDir, env, log: quiet });
    try {
      expect(first.started).toBe(true);
      expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const batonUrl = await ensureDatabase(first.url, 'baton');
      expect(await ensureDatabase(first.url, 'baton')).toBe(batonUrl); // idempotent
      await query(batonUrl, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');

      const test = await createTestDatabase(first.url);
      expect(await query(test.url, 'SELECT current_database() AS db')).toEqual([{ db: test.name }]);
      await dropDatabase(first.url, test.name);
      expect(await query(first.url, `SELECT 1 FROM pg_database WHERE datname = '${test.name}'`)).toEqual([]);
    } finally {
      await first.stop();
    }
    expect(await isPortFree(Number(new URL(first.url).port))).toBe(true);

    // Second run on the same (persistent) data dir: reused, not re-initialised.
    const second = await ensurePostgres({ dataDir, env, log: quiet });
    try {
      expect(await query(second.url.replace(/\/postgres$/, '/baton'), 'SELECT id FROM kept')).toEqual([
        { id: 42 },
      ]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('deletes a non-persistent data dir on stop', async () => {
    const dataDir = join(dir, 'throwaway');
    const postgres = await ensurePostgres({
      dataDir,
      env: envWithout('DATABASE_URL'),
      persistent: false,
      log: quiet,
    });
    await postgres.stop();
    await expect(stat(dataDir)).rejects.toThrow();
  }, 60_000);

  it('uses DATABASE_URL as it is when set', async () => {
    const external = await ensurePostgres({
      dataDir: join(dir, 'unused'),
      env: { DATABASE_URL: process.env.DATABASE_URL },
    });
    expect(external).toMatchObject({ url: process.env.DATABASE_URL, started: false });
    await expect(stat(join(dir, 'unused'))).rejects.toThrow();
  });

  it('starts a nats-server with JetStream and stops it', async () => {
    const nats = await ensureNats({ storeDir: join(dir, 'nats'), env: envWithout('NATS_URL'), log: quiet });
    expect(nats.started).toBe(true);
    const nc = await connect({ servers: nats.url });
    try {
      const sub = nc.subscribe('baton.test.echo', { max: 1 });
      void (async () => {
        for await (const m of sub) m.respond(m.data);
      })();
      expect((await nc.request('baton.test.echo', 'ping', { timeout: 2000 })).string()).toBe('ping');
      const jsm = await jetstreamManager(nc);
      expect((await jsm.getAccountInfo()).limits).toBeDefined();
    } finally {
      await nc.close();
      await nats.stop();
    }
    expect(await isPortFree(Number(new URL(nats.url).port))).toBe(true);
  }, 30_000);

  it('rejects a NATS_URL nothing answers on, naming the variable', async () => {
    await expect(
      ensureNats({ storeDir: join(dir, 'unused'), env: { NATS_URL: 'nats://127.0.0.1:1' } }),
    ).rejects.toThrow(/NATS_URL/);
  });
});
