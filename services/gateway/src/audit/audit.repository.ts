import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  tenantId: string;
  actorId: string;
  authMethod: string;
  method: string;
  route: string;
  operationId: string | null;
  targetId: string | null;
  status: number;
  requestId: string;
}

export interface AuditQuery {
  tenantId: string;
  actorId?: string;
  operationId?: string;
  targetId?: string;
  method?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
  /** (occurredAt, id) of the last row of the previous page */
  after?: { at: string; id: string };
  limit: number;
}

const COLUMNS = `id, occurred_at AS "occurredAt", tenant_id AS "tenantId", actor_id AS "actorId", auth_method AS "authMethod",
  method, route, operation_id AS "operationId", target_id AS "targetId", status, request_id AS "requestId"`;

/** `gateway.audit_event`: batched inserts, tenant-scoped newest-first keyset reads. Never UPDATE/DELETE. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  async insertMany(rows: AuditEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof AuditEventRow>(k: K) => rows.map((r) => r[k]);
    await this.db.query(
      `INSERT INTO gateway.audit_event
         (id, occurred_at, tenant_id, actor_id, auth_method, method, route, operation_id, target_id, status, request_id)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[],
                            $7::text[], $8::varchar[], $9::varchar[], $10::int[], $11::varchar[])`,
      [
        col('id'),
        col('occurredAt'),
        col('tenantId'),
        col('actorId'),
        col('authMethod'),
        col('method'),
        col('route'),
        col('operationId'),
        col('targetId'),
        col('status'),
        col('requestId'),
      ],
    );
  }

  async list(q: AuditQuery): Promise<AuditEventRow[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [q.tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.actorId) add('actor_id = ?', q.actorId);
    if (q.operationId) add('operation_id = ?', q.operationId);
    if (q.targetId) add('target_id = ?', q.targetId);
    if (q.method) add('method = ?', q.method);
    if (q.requestId) add('request_id = ?', q.requestId);
    if (q.from) add('occurred_at >= ?', q.from);
    if (q.to) add('occurred_at < ?', q.to);
    if (q.after) {
      params.push(q.after.at, q.after.id);
      where.push(`(occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit);
    return (await this.db.query(
      `SELECT ${COLUMNS} FROM gateway.audit_event WHERE ${where.join(' AND ')}
        ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as AuditEventRow[];
  }
}
