import type { ListCalendarsRequest, Page } from '@baton/contracts';
import { paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarEntity } from './calendar.entity.js';

const SORT_COLUMNS = { name: 'c.name', createdAt: 'c.created_at' };

@Injectable()
export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CalendarEntity);
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<CalendarEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, id });
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<CalendarEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.tenant_id = :tenantId AND c.id = :id', { tenantId, id })
      .getOne();
  }

  save(manager: EntityManager, c: CalendarEntity): Promise<CalendarEntity> {
    return this.repo(manager).save(c);
  }

  async projectsUsing(manager: EntityManager, tenantId: string, id: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM planning.project WHERE tenant_id = $1 AND calendar_id = $2 ORDER BY id`,
      [tenantId, id],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  list(tenantId: string, q: ListCalendarsRequest): Promise<Page<CalendarEntity>> {
    const qb = this.repo().createQueryBuilder('c').where('c.tenant_id = :tenantId', { tenantId });
    return paginate(qb, {
      sort: q.sort ?? 'name',
      columns: SORT_COLUMNS,
      idColumn: 'c.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'name' ? row.name : row.createdAt.toISOString(), row.id],
    });
  }
}
