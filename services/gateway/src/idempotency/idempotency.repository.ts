import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { idempotencyScope, sealResponse, type IdempotencyScope } from './response-seal.js';

export type { IdempotencyScope } from './response-seal.js';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; sealed: Buffer }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

interface ExistingRow {
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_sealed: Buffer | null;
}

interface LegacyRow {
  tenant_id: string;
  principal: string;
  key: string;
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/** rows converted per transaction by sealLegacyRows */
const LEGACY_BATCH = 200;

/**
 * Idempotency keys in `gateway.idempotency_key`, one row per (tenant, principal, SHA-256 of the
 * key): column `key` holds the hash (`key_hashed`), never the raw key, and the response is sealed
 * with the raw key (response-seal.ts). A claim inserts an in-flight row, or takes over one that
 * expired or whose holder's lease ran out (same request only); otherwise the row that is there
 * decides: completed with the same hash → replay, another hash → mismatch, in flight → in-flight.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  async claim(
    scope: IdempotencyScope,
    request: { hash: string; method: string; path: string },
    lockSeconds: number,
    ttlHours: number,
  ): Promise<ClaimOutcome> {
    for (let tries = 0; tries < 3; tries++) {
      const claimed = (await this.db.query(
        `INSERT INTO gateway.idempotency_key AS k
           (tenant_id, principal, key, key_hashed, request_hash, method, path, state, locked_until, expires_at)
         VALUES ($1, $2, $3, true, $4, $5, $6, 'in_flight', now() + make_interval(secs => $7), now() + make_interval(hours => $8))
         ON CONFLICT (tenant_id, principal, key) DO UPDATE SET
           key_hashed = true, request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
           state = 'in_flight', locked_until = EXCLUDED.locked_until, response_status = NULL,
           response_headers = NULL, response_body = NULL, response_sealed = NULL,
           created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= now()
            OR (k.state = 'in_flight' AND k.locked_until <= now() AND k.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [
          scope.tenantId,
          scope.principal,
          scope.keyHash,
          request.hash,
          request.method,
          request.path,
          lockSeconds,
          ttlHours,
        ],
      )) as unknown[];
      if (claimed.length > 0) return { kind: 'claimed' };
      const [row] = (await this.db.query(
        `SELECT request_hash, state, response_status, response_sealed
           FROM gateway.idempotency_key WHERE tenant_id = $1 AND principal = $2 AND key = $3`,
        [scope.tenantId, scope.principal, scope.keyHash],
      )) as ExistingRow[];
      if (!row) continue; // released between the two statements: claim again
      if (row.request_hash !== request.hash) return { kind: 'mismatch' };
      if (row.state === 'in_flight' || !row.response_sealed) return { kind: 'in-flight' };
      return { kind: 'replay', status: row.response_status ?? 200, sealed: row.response_sealed };
    }
    return { kind: 'in-flight' };
  }

  async complete(scope: IdempotencyScope, status: number, sealed: Buffer): Promise<void> {
    await this.db.query(
      `UPDATE gateway.idempotency_key
          SET state = 'completed', locked_until = NULL, response_status = $4, response_sealed = $5
        WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND state = 'in_flight'`,
      [scope.tenantId, scope.principal, scope.keyHash, status, sealed],
    );
  }

  /** the request did not complete (5xx, or nothing storable): the key is free for a retry */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.db.query(
      `DELETE FROM gateway.idempotency_key WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND state = 'in_flight'`,
      [scope.tenantId, scope.principal, scope.keyHash],
    );
  }

  async pruneExpired(): Promise<number> {
    const [, count] = (await this.db.query(
      `DELETE FROM gateway.idempotency_key WHERE expires_at <= now()`,
    )) as [unknown, number];
    return count;
  }

  /**
   * Rows written before responses were sealed (migration 1795500000000), or by a replica of that
   * version during a rolling upgrade, hold the raw key and the response in clear: hash the key and
   * seal the response, so a retry still replays it. Rows still in flight under a live lock are
   * left to their holder (the next pass takes them); a converted row whose hash a newer row
   * already has is dropped. Returns how many rows were converted or dropped.
   */
  async sealLegacyRows(): Promise<number> {
    let done = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const rows = (await tx.query(
          `SELECT tenant_id, principal, key, request_hash, state, response_status, response_headers, response_body
             FROM gateway.idempotency_key
            WHERE NOT key_hashed AND expires_at > now() AND (state = 'completed' OR locked_until <= now())
            LIMIT ${LEGACY_BATCH} FOR UPDATE SKIP LOCKED`,
        )) as LegacyRow[];
        for (const row of rows) {
          const scope = idempotencyScope(row.tenant_id, row.principal, row.key);
          const sealed =
            row.state === 'completed'
              ? sealResponse(scope, row.request_hash, {
                  headers: row.response_headers ?? {},
                  body: row.response_body ?? '',
                })
              : null;
          await tx.query(
            `WITH legacy AS (
               DELETE FROM gateway.idempotency_key
                WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND NOT key_hashed
               RETURNING *)
             INSERT INTO gateway.idempotency_key
               (tenant_id, principal, key, key_hashed, request_hash, method, path, state, locked_until,
                response_status, response_sealed, created_at, expires_at)
             SELECT tenant_id, principal, $4, true, request_hash, method, path, state, locked_until,
                    response_status, $5, created_at, expires_at FROM legacy
             ON CONFLICT (tenant_id, principal, key) DO NOTHING`,
            [row.tenant_id, row.principal, row.key, scope.keyHash, sealed],
          );
        }
        return rows.length;
      });
      done += n;
      if (n < LEGACY_BATCH) return done;
    }
  }
}
