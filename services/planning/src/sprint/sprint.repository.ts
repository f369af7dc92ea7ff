import type { ListSprintsRequest, Page } from '@baton/contracts';
import { paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SprintEntity } from './sprint.entity.js';

const SORT_COLUMNS = { startDate: 's.start_date', createdAt: 's.created_at' };

export interface SprintLoad {
  points: number;
  items: number;
}

/** Every sprint query; each one is scoped to a tenant. */
@Injectable()
export class SprintRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(SprintEntity);
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<SprintEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, id });
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<SprintEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.tenant_id = :tenantId AND s.id = :id', { tenantId, id })
      .getOne();
  }

  save(manager: EntityManager, sprint: SprintEntity): Promise<SprintEntity> {
    return this.repo(manager).save(sprint);
  }

  /** the first sprint of the project whose dates (both days included) meet [start, end] */
  findOverlapping(
    manager: EntityManager,
    tenantId: string,
    projectId: string,
    start: string,
    end: string,
    exceptId?: string,
  ): Promise<SprintEntity | null> {
    const qb = this.repo(manager)
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenantId AND s.project_id = :projectId', { tenantId, projectId })
      .andWhere('s.start_date <= :end AND s.end_date >= :start', { start, end })
      .orderBy('s.start_date', 'ASC')
      .limit(1);
    if (exceptId) qb.andWhere('s.id <> :exceptId', { exceptId });
    return qb.getOne();
  }

  findActive(manager: EntityManager, tenantId: string, projectId: string): Promise<SprintEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, projectId, state: 'active' });
  }

  list(tenantId: string, q: ListSprintsRequest): Promise<Page<SprintEntity>> {
    const qb = this.repo()
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenantId AND s.project_id = :projectId', { tenantId, projectId: q.projectId });
    if (q.state?.length) qb.andWhere('s.state IN (:...state)', { state: q.state });
    return paginate(qb, {
      sort: q.sort ?? 'startDate',
      columns: SORT_COLUMNS,
      idColumn: 's.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'startDate' ? row.startDate : row.createdAt.toISOString(), row.id],
    });
  }

  /** closed sprints of the project, oldest (by end date) first */
  closed(tenantId: string, projectId: string): Promise<SprintEntity[]> {
    return this.repo().find({
      where: { tenantId, projectId, state: 'closed' },
      order: { endDate: 'ASC', closedAt: 'ASC', id: 'ASC' },
    });
  }

  /** committed story points and item count of open sprints, from their items */
  async loads(
    tenantId: string,
    sprintIds: string[],
    manager?: EntityManager,
  ): Promise<Map<string, SprintLoad>> {
    const loads = new Map<string, SprintLoad>(sprintIds.map((id) => [id, { points: 0, items: 0 }]));
    if (sprintIds.length === 0) return loads;
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT sprint_id, COALESCE(SUM(story_points), 0)::int AS points, COUNT(*)::int AS items
         FROM planning.backlog_item WHERE tenant_id = $1 AND sprint_id = ANY($2::uuid[]) GROUP BY sprint_id`,
      [tenantId, sprintIds],
    )) as { sprint_id: string; points: number; items: number }[];
    for (const r of rows) loads.set(r.sprint_id, { points: r.points, items: r.items });
    return loads;
  }
}
