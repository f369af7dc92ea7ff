import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryRow {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface WebhookAttemptRow {
  attempt: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

const COLUMNS = `id, tenant_id AS "tenantId", endpoint_id AS "endpointId", event_id AS "eventId", event_type AS "eventType",
  payload, status, attempts, next_attempt_at AS "nextAttemptAt", last_status_code AS "lastStatusCode",
  last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

/** `gateway.webhook_delivery` and `gateway.webhook_attempt`: the delivery queue and its log. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly db: DataSource) {}

  /** in the event handler's transaction: one pending delivery per endpoint (a redelivered event adds none) */
  async enqueue(
    manager: EntityManager,
    rows: {
      id: string;
      tenantId: string;
      endpointId: string;
      eventId: string;
      eventType: string;
      payload: unknown;
    }[],
  ): Promise<void> {
    for (const r of rows) {
      await manager.query(
        `INSERT INTO gateway.webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, payload, status, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', now()) ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
        [r.id, r.tenantId, r.endpointId, r.eventId, r.eventType, r.payload],
      );
    }
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs` (FOR UPDATE SKIP LOCKED: replicas never
   * claim the same one); a worker that dies loses its lease and another picks the delivery up.
   */
  async claimDue(limit: number, leaseMs: number): Promise<WebhookDeliveryRow[]> {
    const [rows] = (await this.db.query(
      `UPDATE gateway.webhook_delivery SET locked_until = now() + make_interval(secs => $2::float8 / 1000)
        WHERE id IN (
          SELECT id FROM gateway.webhook_delivery
           WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [limit, leaseMs],
    )) as [WebhookDeliveryRow[], number];
    return rows;
  }

  /** records one attempt and the delivery's new state, in one transaction */
  async recordAttempt(
    id: string,
    attempt: {
      attempt: number;
      at: Date;
      durationMs: number;
      statusCode: number | null;
      error: string | null;
    },
    next: { status: DeliveryStatus; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO gateway.webhook_attempt (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [id, attempt.attempt, attempt.at, attempt.durationMs, attempt.statusCode, attempt.error],
      );
      await m.query(
        `UPDATE gateway.webhook_delivery
            SET attempts = $2, status = $3::varchar, next_attempt_at = $4, locked_until = NULL, last_status_code = $5,
                last_error = $6, delivered_at = CASE WHEN $3::varchar = 'succeeded' THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [id, attempt.attempt, next.status, next.nextAttemptAt, attempt.statusCode, attempt.error],
      );
    });
  }

  async get(tenantId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    const [row] = (await this.db.query(
      `SELECT ${COLUMNS} FROM gateway.webhook_delivery WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as WebhookDeliveryRow[];
    return row;
  }

  async attempts(deliveryId: string): Promise<WebhookAttemptRow[]> {
    return (await this.db.query(
      `SELECT attempt, attempted_at AS "attemptedAt", duration_ms AS "durationMs", status_code AS "statusCode", error
         FROM gateway.webhook_attempt WHERE delivery_id = $1 ORDER BY attempt`,
      [deliveryId],
    )) as WebhookAttemptRow[];
  }

  /** newest first, keyset before (createdAt, id) */
  async listForEndpoint(
    tenantId: string,
    endpointId: string,
    limit: number,
    filter: { status?: DeliveryStatus; before?: { at: string; id: string } },
  ): Promise<WebhookDeliveryRow[]> {
    const where = ['tenant_id = $1', 'endpoint_id = $2'];
    const params: unknown[] = [tenantId, endpointId];
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.before) {
      params.push(filter.before.at, filter.before.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM gateway.webhook_delivery WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as WebhookDeliveryRow[];
  }

  /** sends a delivery again (same webhook-id, so receivers can de-duplicate), whatever its state */
  async replay(tenantId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    const [rows] = (await this.db.query(
      `UPDATE gateway.webhook_delivery SET status = 'pending', next_attempt_at = now(), locked_until = NULL
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id],
    )) as [WebhookDeliveryRow[], number];
    return rows[0];
  }
}
