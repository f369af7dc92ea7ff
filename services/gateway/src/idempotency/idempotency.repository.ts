import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IdempotencyScope {
  tenantId: string;
  principal: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

interface ExistingRow {
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/**
 * Idempotency keys in `gateway.idempotency_key`, one row per (tenant, principal, key).
 * A claim inserts an in-flight row, or takes over one that expired or whose holder's lease ran
 * out (same request only); otherwise the row that is there decides: completed with the same
 * hash → replay, another hash → mismatch, in flight → in-flight.
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
           (tenant_id, principal, key, request_hash, method, path, state, locked_until, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'in_flight', now() + make_interval(secs => $7), now() + make_interval(hours => $8))
         ON CONFLICT (tenant_id, principal, key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
           state = 'in_flight', locked_until = EXCLUDED.locked_until, response_status = NULL,
           response_headers = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= now()
            OR (k.state = 'in_flight' AND k.locked_until <= now() AND k.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [
          scope.tenantId,
          scope.principal,
          scope.key,
          request.hash,
          request.method,
          request.path,
          lockSeconds,
          ttlHours,
        ],
      )) as unknown[];
      if (claimed.length > 0) return { kind: 'claimed' };
      const [row] = (await this.db.query(
        `SELECT request_hash, state, response_status, response_headers, response_body
           FROM gateway.idempotency_key WHERE tenant_id = $1 AND principal = $2 AND key = $3`,
        [scope.tenantId, scope.principal, scope.key],
      )) as ExistingRow[];
      if (!row) continue; // released between the two statements: claim again
      if (row.request_hash !== request.hash) return { kind: 'mismatch' };
      if (row.state === 'in_flight') return { kind: 'in-flight' };
      return {
        kind: 'replay',
        response: {
          status: row.response_status ?? 200,
          headers: row.response_headers ?? {},
          body: row.response_body ?? '',
        },
      };
    }
    return { kind: 'in-flight' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE gateway.idempotency_key
          SET state = 'completed', locked_until = NULL, response_status = $4, response_headers = $5, response_body = $6
        WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND state = 'in_flight'`,
      [scope.tenantId, scope.principal, scope.key, response.status, response.headers, response.body],
    );
  }

  /** the request did not complete (5xx, or nothing storable): the key is free for a retry */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.db.query(
      `DELETE FROM gateway.idempotency_key WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND state = 'in_flight'`,
      [scope.tenantId, scope.principal, scope.key],
    );
  }

  async pruneExpired(): Promise<number> {
    const [, count] = (await this.db.query(
      `DELETE FROM gateway.idempotency_key WHERE expires_at <= now()`,
    )) as [unknown, number];
    return count;
  }
}
