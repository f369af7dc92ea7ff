import type { ListProjectsRequest, Page, ProjectResponse } from '@baton/contracts';
import type { Pool } from 'pg';
import { escapeLike, paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { ProjectEntity } from './project.entity.js';

const SORT_COLUMNS = { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at' };

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `toProjectResponse` in SQL (project.integration-spec reads after each write and compares the two). */
const VIEW_SQL = `
  SELECT id, name, code, description, portfolio_id AS "portfolioId", status,
         start_date::text AS "startDate", target_date::text AS "targetDate",
         archived_at IS NOT NULL AS archived, ${iso('archived_at')} AS "archivedAt", version,
         ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"
    FROM planning.project
   WHERE tenant_id = $1 AND id = $2`;

/** Every project query; each one is scoped to a tenant. */
@Injectable()
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  /**
   * The project as the API shows it, or null: the hot read (`GET /projects/{id}`). One prepared
   * statement on the pool, selecting only the response's columns and formatting dates in SQL,
   * so Postgres parses and plans it once per connection and no entity is hydrated.
   */
  async findView(tenantId: string, id: string): Promise<ProjectResponse | null> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<ProjectResponse>({
      name: 'planning.project.view',
      text: VIEW_SQL,
      values: [tenantId, id],
    });
    return rows[0] ?? null;
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<ProjectEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.tenant_id = :tenantId AND p.id = :id', { tenantId, id })
      .getOne();
  }

  /** saves; a duplicate code in the tenant comes back as `'duplicate-code'` instead of throwing */
  async save(manager: EntityManager, project: ProjectEntity): Promise<ProjectEntity | 'duplicate-code'> {
    // A savepoint keeps the transaction usable if the unique index rejects the row.
    const runner = manager.queryRunner;
    await runner?.query('SAVEPOINT project_save');
    try {
      const saved = await this.repo(manager).save(project);
      await runner?.query('RELEASE SAVEPOINT project_save');
      return saved;
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === 'project_tenant_code_uq'
      ) {
        await runner?.query('ROLLBACK TO SAVEPOINT project_save');
        return 'duplicate-code';
      }
      throw err;
    }
  }

  list(tenantId: string, q: ListProjectsRequest): Promise<Page<ProjectEntity>> {
    const qb = this.repo().createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId });
    if (!q.includeArchived) qb.andWhere('p.archived_at IS NULL');
    if (q.status?.length) qb.andWhere('p.status IN (:...status)', { status: q.status });
    if (q.portfolioId) qb.andWhere('p.portfolio_id = :portfolioId', { portfolioId: q.portfolioId });
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
