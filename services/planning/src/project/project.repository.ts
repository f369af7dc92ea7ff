import type { ListProjectsRequest, Page } from '@baton/contracts';
import { escapeLike, paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { ProjectEntity } from './project.entity.js';

const SORT_COLUMNS = { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at' };

/** Every project query; each one is scoped to a tenant. */
@Injectable()
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  find(tenantId: string, id: string): Promise<ProjectEntity | null> {
    return this.repo().findOneBy({ tenantId, id });
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
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'project_tenant_code_uq') {
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
