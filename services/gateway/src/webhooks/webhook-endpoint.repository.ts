import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SEALED_PREFIX } from './secret-cipher.js';

export interface WebhookEndpointRow {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id AS "tenantId", url, description, event_types AS "eventTypes", secret,
  previous_secret AS "previousSecret", previous_secret_expires_at AS "previousSecretExpiresAt", enabled, version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** a LIKE pattern matching text that starts with `prefix` (taken literally) */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`;

/** the secrets of an endpoint as stored: plain or sealed (secret-cipher.ts) */
export interface StoredSecrets {
  id: string;
  secret: string;
  previousSecret: string | null;
}

export interface EndpointChanges {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  enabled?: boolean;
}

/** `gateway.webhook_endpoint`; every statement is scoped to the tenant. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    row: Pick<WebhookEndpointRow, 'id' | 'tenantId' | 'url' | 'description' | 'eventTypes' | 'secret'>,
  ): Promise<WebhookEndpointRow> {
    const [created] = (await this.db.query(
      `INSERT INTO gateway.webhook_endpoint (id, tenant_id, url, description, event_types, secret)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [row.id, row.tenantId, row.url, row.description, row.eventTypes, row.secret],
    )) as WebhookEndpointRow[];
    return created!;
  }

  async get(tenantId: string, id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = (await this.db.query(
      `SELECT ${COLUMNS} FROM gateway.webhook_endpoint WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as WebhookEndpointRow[];
    return row;
  }

  /** oldest first, keyset after (createdAt, id) */
  async list(
    tenantId: string,
    limit: number,
    after?: { at: string; id: string },
  ): Promise<WebhookEndpointRow[]> {
    const params: unknown[] = [tenantId, limit];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = 'AND (created_at, id) > ($3::timestamptz, $4::uuid)';
    }
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM gateway.webhook_endpoint WHERE tenant_id = $1 ${keyset} ORDER BY created_at, id LIMIT $2`,
      params,
    )) as WebhookEndpointRow[];
  }

  /** the enabled endpoints of a tenant, inside the event handler's transaction */
  async enabledFor(
    manager: EntityManager,
    tenantId: string,
  ): Promise<Pick<WebhookEndpointRow, 'id' | 'eventTypes'>[]> {
    return (await manager.query(
      `SELECT id, event_types AS "eventTypes" FROM gateway.webhook_endpoint WHERE tenant_id = $1 AND enabled`,
      [tenantId],
    )) as Pick<WebhookEndpointRow, 'id' | 'eventTypes'>[];
  }

  async update(
    tenantId: string,
    id: string,
    changes: EndpointChanges,
  ): Promise<WebhookEndpointRow | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [tenantId, id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.url !== undefined) set('url', changes.url);
    if (changes.description !== undefined) set('description', changes.description);
    if (changes.eventTypes !== undefined) set('event_types', changes.eventTypes);
    if (changes.enabled !== undefined) set('enabled', changes.enabled);
    const [row] = (await this.db.query(
      `UPDATE gateway.webhook_endpoint SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      params,
    )) as [WebhookEndpointRow[], number];
    return (row as unknown as WebhookEndpointRow[])[0];
  }

  /** the new secret signs from now on; the old one still signs (alongside) for `graceHours` */
  async rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    graceHours: number,
  ): Promise<WebhookEndpointRow | undefined> {
    const [rows] = (await this.db.query(
      `UPDATE gateway.webhook_endpoint
          SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(hours => $4),
              secret = $3, version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id, secret, graceHours],
    )) as [WebhookEndpointRow[], number];
    return rows[0];
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const [, count] = (await this.db.query(
      `DELETE FROM gateway.webhook_endpoint WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as [unknown, number];
    return count > 0;
  }

  /**
   * One batch of the start-up re-seal (webhook-secrets.ts), in one transaction: the next `limit`
   * endpoints (any tenant) after `afterId` in id order with a secret or previous secret that does
   * not start with `keep`, locked FOR UPDATE (a rotation in flight commits first and its values
   * are the ones read: never overwritten); `reseal` says what to store instead (undefined: leave
   * the row), both columns in one statement, and only while they still hold what was read.
   */
  async resealBatch(
    afterId: string,
    limit: number,
    keep: string,
    reseal: (row: StoredSecrets) => Omit<StoredSecrets, 'id'> | undefined,
  ): Promise<{ read: number; lastId: string | undefined; changed: number }> {
    return this.db.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT id, secret, previous_secret AS "previousSecret" FROM gateway.webhook_endpoint
          WHERE id > $1 AND (secret NOT LIKE $3 OR previous_secret NOT LIKE $3)
          ORDER BY id LIMIT $2 FOR UPDATE`,
        [afterId, limit, likePrefix(keep)],
      )) as StoredSecrets[];
      const from: StoredSecrets[] = [];
      const to: Array<Omit<StoredSecrets, 'id'>> = [];
      for (const row of rows) {
        const next = reseal(row);
        if (next && (next.secret !== row.secret || next.previousSecret !== row.previousSecret)) {
          from.push(row);
          to.push(next);
        }
      }
      let changed = 0;
      if (from.length > 0) {
        const [updated] = (await m.query(
          `UPDATE gateway.webhook_endpoint e SET secret = v.secret, previous_secret = v.previous_secret
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                  AS v(id, old_secret, old_previous_secret, secret, previous_secret)
            WHERE e.id = v.id AND e.secret = v.old_secret
              AND e.previous_secret IS NOT DISTINCT FROM v.old_previous_secret
           RETURNING e.id`,
          [
            from.map((r) => r.id),
            from.map((r) => r.secret),
            from.map((r) => r.previousSecret),
            to.map((r) => r.secret),
            to.map((r) => r.previousSecret),
          ],
        )) as [unknown[], number];
        changed = updated.length;
      }
      return { read: rows.length, lastId: rows.at(-1)?.id, changed };
    });
  }

  /** how many endpoints hold a secret or previous secret that does not start with `keep` */
  async countNotStartingWith(keep: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM gateway.webhook_endpoint WHERE secret NOT LIKE $1 OR previous_secret NOT LIKE $1`,
      [likePrefix(keep)],
    )) as [{ n: number }];
    return row.n;
  }

  /** whether any stored secret is sealed (they cannot be used without the key) */
  async anySealed(): Promise<boolean> {
    const [row] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM gateway.webhook_endpoint
        WHERE secret LIKE '${SEALED_PREFIX}%' OR previous_secret LIKE '${SEALED_PREFIX}%') AS "any"`,
    )) as [{ any: boolean }];
    return row.any;
  }

  /** for the delivery worker: URL and signing secrets of an endpoint, any tenant */
  async forDelivery(
    id: string,
  ): Promise<
    | Pick<
        WebhookEndpointRow,
        'id' | 'tenantId' | 'url' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'
      >
    | undefined
  > {
    const [row] = (await this.db.query(
      `SELECT id, tenant_id AS "tenantId", url, enabled, secret, previous_secret AS "previousSecret",
              previous_secret_expires_at AS "previousSecretExpiresAt"
         FROM gateway.webhook_endpoint WHERE id = $1`,
      [id],
    )) as WebhookEndpointRow[];
    return row;
  }
}
