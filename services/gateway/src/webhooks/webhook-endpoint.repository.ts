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

  /** endpoints (any tenant) with a secret not yet sealed (secret-cipher.ts), at most `limit` */
  async withPlainSecrets(
    limit: number,
  ): Promise<Array<Pick<WebhookEndpointRow, 'id' | 'secret' | 'previousSecret'>>> {
    return (await this.db.query(
      `SELECT id, secret, previous_secret AS "previousSecret" FROM gateway.webhook_endpoint
        WHERE secret NOT LIKE '${SEALED_PREFIX}%' OR previous_secret NOT LIKE '${SEALED_PREFIX}%'
        ORDER BY id LIMIT $1`,
      [limit],
    )) as Array<Pick<WebhookEndpointRow, 'id' | 'secret' | 'previousSecret'>>;
  }

  /** replaces the stored secrets if they are still `from` (a rotation in between wins); true if replaced */
  async replaceSecrets(
    id: string,
    from: { secret: string; previousSecret: string | null },
    to: { secret: string; previousSecret: string | null },
  ): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE gateway.webhook_endpoint SET secret = $4, previous_secret = $5
        WHERE id = $1 AND secret = $2 AND previous_secret IS NOT DISTINCT FROM $3`,
      [id, from.secret, from.previousSecret, to.secret, to.previousSecret],
    )) as [unknown, number];
    return count > 0;
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
