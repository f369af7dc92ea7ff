import type { EventEnvelope, ListProjectViewsRequest, Page, ProjectResponse } from '@baton/contracts';
import { paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectViewEntity } from './project-view.entity.js';

@Injectable()
export class ProjectViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies a project snapshot if it is newer than what the view holds. Events of one project
   * normally arrive in order; a late, older one (e.g. after a redelivery) is ignored, so the
   * view never goes back in time. Returns whether the row changed.
   */
  async applySnapshot(manager: EntityManager, event: EventEnvelope<ProjectResponse>): Promise<boolean> {
    const p = event.data;
    const rows = (await manager.query(
      `INSERT INTO reporting.project_view AS v
         (tenant_id, project_id, portfolio_id, name, code, status, archived, target_date, version, events_applied, last_event_id, updated_at, programme_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12)
       ON CONFLICT (tenant_id, project_id) DO UPDATE SET
         portfolio_id = EXCLUDED.portfolio_id, programme_id = EXCLUDED.programme_id, name = EXCLUDED.name, code = EXCLUDED.code,
         status = EXCLUDED.status, archived = EXCLUDED.archived, target_date = EXCLUDED.target_date,
         version = EXCLUDED.version, events_applied = v.events_applied + 1,
         last_event_id = EXCLUDED.last_event_id, updated_at = EXCLUDED.updated_at
       WHERE v.version < EXCLUDED.version
       RETURNING project_id`,
      [event.tenantId, p.id, p.portfolioId, p.name, p.code, p.status, p.archived, p.targetDate, p.version, event.id, p.updatedAt,
        // events written before programmes existed carry none
        p.programmeId ?? null],
    )) as unknown[];
    return rows.length > 0;
  }

  find(tenantId: string, projectId: string): Promise<ProjectViewEntity | null> {
    return this.dataSource.manager.getRepository(ProjectViewEntity).findOneBy({ tenantId, projectId });
  }

  list(tenantId: string, q: ListProjectViewsRequest): Promise<Page<ProjectViewEntity>> {
    const qb = this.dataSource.manager
      .getRepository(ProjectViewEntity)
      .createQueryBuilder('v')
      .where('v.tenant_id = :tenantId', { tenantId });
    if (q.status?.length) qb.andWhere('v.status IN (:...status)', { status: q.status });
    return paginate(qb, {
      sort: 'name',
      columns: { name: 'v.name' },
      idColumn: 'v.project_id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row) => [row.name, row.projectId],
    });
  }
}
