import type { DataSource } from 'typeorm';
import type { PoolStats } from '../metrics/metrics.js';

/** the parts of a `pg.Pool` read here (TypeORM keeps it as the postgres driver's `master`) */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pg pool's counts (open, idle, callers waiting), or undefined before the pool exists. */
export function poolStats(ds: DataSource): PoolStats | undefined {
  if (!ds.isInitialized) return undefined;
  const pool = (ds.driver as unknown as { master?: Partial<PgPoolCounts> }).master;
  if (typeof pool?.totalCount !== 'number') return undefined;
  return { total: pool.totalCount, idle: pool.idleCount ?? 0, waiting: pool.waitingCount ?? 0 };
}
