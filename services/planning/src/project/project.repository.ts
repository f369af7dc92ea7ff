import type { ListProjectsRequest, Page, ProjectResponse } from '@baton/contracts';
import type { Pool } from 'pg';
import { escapeLike, LookupBatcher, paginate, unlessDuplicate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { PlanningConfig } from '../config/env.js';
import { ProjectEntity } from './project.entity.js';

const SORT_COLUMNS = { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at' };

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `toProjectResponse` in SQL (project.integration-spec reads after each write and compares the two). */
const VIEW_COLUMNS = `
  p.id, p.name, p.code, p.description, p.portfolio_id AS "portfolioId",
  p.programme_id AS "programmeId", p.status,
  p.start_date::text AS "startDate", p.target_date::text AS "targetDate",
  p.archived_at IS NOT NULL AS archived, ${iso('p.archived_at')} AS "archivedAt", p.version,
  ${iso('p.created_at')} AS "createdAt", ${iso('p.updated_at')} AS "updatedAt"`;

const VIEW_SQL = `SELECT ${VIEW_COLUMNS} FROM planning.project p WHERE p.tenant_id = $1 AND p.id = $2`;

/** Many (tenant, id) pairs at once: one row per pair found, with its position in the arrays (1-based). */
const VIEW_MANY_SQL = `
  SELECT k.at::int AS at, ${VIEW_COLUMNS}
    FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(tenant_id, id, at)
    JOIN planning.project p ON p.tenant_id = k.tenant_id AND p.id = k.id`;

interface ViewKey {
  tenantId: string;
  id: string;
}

/** Every project query; each one is scoped to a tenant. */
@Injectable()
export class ProjectRepository {
  private readonly views: LookupBatcher<ViewKey, ProjectResponse>;

  constructor(
    private readonly dataSource: DataSource,
    config: PlanningConfig,
  ) {
    this.views = new LookupBatcher(
      (key) => this.findOneView(key),
      (keys) => this.findManyViews(keys),
      config.PLANNING_READ_BATCH_MAX,
    );
  }

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  /**
   * The project as the API shows it, or null: the hot read (`GET /projects/{id}`). Prepared
   * statements on the pool, selecting only the response's columns and formatting dates in SQL, so
   * Postgres parses and plans them once per connection and no entity is hydrated. The reads made
   * in one event-loop turn go to Postgres as one query (`LookupBatcher`), each still scoped to its
   * own tenant: under load that is one round trip for many requests instead of one each.
   */
  findView(tenantId: string, id: string): Promise<ProjectResponse | null> {
    // Postgres would refuse a malformed uuid for the whole batch: such an id names no project.
    if (!isUUID(tenantId) || !isUUID(id)) return Promise.resolve(null);
    return this.views.load({ tenantId, id }).then((view) => view ?? null);
  }

  private async findOneView({ tenantId, id }: ViewKey): Promise<ProjectResponse | undefined> {
    const { rows } = await this.pool().query<ProjectResponse>({
      name: 'planning.project.view',
      text: VIEW_SQL,
      values: [tenantId, id],
    });
    return rows[0];
  }

  private async findManyViews(keys: readonly ViewKey[]): Promise<(ProjectResponse | undefined)[]> {
    const { rows } = await this.pool().query<ProjectResponse & { at: number }>({
      name: 'planning.project.view-many',
      text: VIEW_MANY_SQL,
      values: [keys.map((k) => k.tenantId), keys.map((k) => k.id)],
    });
    const views = new Array<ProjectResponse | undefined>(keys.length);
    for (const { at, ...view } of rows) views[at - 1] = view;
    return views;
  }

  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<ProjectEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.tenant_id = :tenantId AND p.id = :id', { tenantId, id })
      .getOne();
  }

  /** saves; a duplicate code in the tenant comes back as `'duplicate'` instead of throwing */
  save(manager: EntityManager, project: ProjectEntity): Promise<ProjectEntity | 'duplicate'> {
    return unlessDuplicate(manager, 'project_tenant_code_uq', () => this.repo(manager).save(project));
  }

  list(tenantId: string, q: ListProjectsRequest): Promise<Page<ProjectEntity>> {
    const qb = this.repo().createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId });
    if (!q.includeArchived) qb.andWhere('p.archived_at IS NULL');
    if (q.status?.length) qb.andWhere('p.status IN (:...status)', { status: q.status });
    if (q.portfolioId) qb.andWhere('p.portfolio_id = :portfolioId', { portfolioId: q.portfolioId });
    if (q.programmeId) qb.andWhere('p.programme_id = :programmeId', { programmeId: q.programmeId });
    if (q.q) qb.andWhere('(p.name ILIKE :q OR p.code ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    return paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 'p.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [
        field === 'name' ? row.name : (field === 'updatedAt' ? row.updatedAt : row.createdAt).toISOString(),
        row.id,
      ],
    });
  }
}
