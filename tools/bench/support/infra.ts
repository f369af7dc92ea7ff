// Postgres and NATS for a benchmark: the ones DATABASE_URL / NATS_URL name, or an embedded
// Postgres and a nats-server started here (as `npm start` and the tests do), plus a fresh
// database that is dropped at the end, so benchmark runs never see each other's rows.
import { createTestDatabase, dropDatabase, ensureNats, ensurePostgres } from '@baton/local-infra';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchInfra {
  databaseUrl: string;
  natsUrl: string;
  /** environment for a service's loadConfig() */
  env(extra?: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

export async function startBenchInfra(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<BenchInfra> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-bench-'));
  const postgres = await ensurePostgres({ dataDir: join(dir, 'postgres'), persistent: false, log });
  const nats = await ensureNats({ storeDir: join(dir, 'nats'), log });
  const db = await createTestDatabase(postgres.url);
  const subjectPrefix = `b${randomBytes(5).toString('hex')}.`;
  return {
    databaseUrl: db.url,
    natsUrl: nats.url,
    env: (extra = {}) => ({
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      SUBJECT_PREFIX: subjectPrefix,
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'true',
      ...extra,
    }),
    dispose: async () => {
      await dropDatabase(postgres.url, db.name).catch(() => undefined);
      await nats.stop();
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** nearest-rank percentile of sorted values */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
