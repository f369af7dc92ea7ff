import type { ChangeRequestHistoryRequest, ListChangeRequestsRequest, Page } from '@baton/contracts';
import { paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeRequestEventEntity } from './change-request-event.entity.js';
import { ChangeRequestEntity } from './change-request.entity.js';

const SORT_COLUMNS = { createdAt: 'c.created_at', updatedAt: 'c.updated_at' };

/** Every change request and decision-audit query; each one is scoped to a tenant. */
@Injectable()
export class ChangeRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ChangeRequestEntity);
  }

  private events(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ChangeRequestEventEntity);
  }

  find(tenantId: string, id: string): Promise<ChangeRequestEntity | null> {
    return this.repo().findOneBy({ tenantId, id });
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<ChangeRequestEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.tenant_id = :tenantId AND c.id = :id', { tenantId, id })
      .getOne();
  }

  save(manager: EntityManager, cr: ChangeRequestEntity): Promise<ChangeRequestEntity> {
    return this.repo(manager).save(cr);
  }

  /** appends one audit line (the table refuses updates and deletes) */
  async record(manager: EntityManager, entry: ChangeRequestEventEntity): Promise<void> {
    await this.events(manager).insert(entry);
  }

  list(tenantId: string, q: ListChangeRequestsRequest): Promise<Page<ChangeRequestEntity>> {
    const qb = this.repo()
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.project_id = :projectId', { tenantId, projectId: q.projectId });
    if (q.state?.length) qb.andWhere('c.state IN (:...state)', { state: q.state });
    if (q.kind?.length) qb.andWhere('c.kind IN (:...kind)', { kind: q.kind });
    return paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 'c.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [(field === 'updatedAt' ? row.updatedAt : row.createdAt).toISOString(), row.id],
    });
  }

  /** the decision audit, oldest first */
  history(tenantId: string, q: ChangeRequestHistoryRequest): Promise<Page<ChangeRequestEventEntity>> {
    const qb = this.events()
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId AND e.change_request_id = :id', { tenantId, id: q.id });
    return paginate(qb, {
      sort: 'version',
      columns: { version: 'e.version' },
      idColumn: 'e.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row) => [row.version, row.id],
    });
  }
}
