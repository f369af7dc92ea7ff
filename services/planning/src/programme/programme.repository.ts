import type { ListProgrammesRequest, Page } from '@baton/contracts';
import { escapeLike, paginate, unlessDuplicate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectEntity } from '../project/project.entity.js';
import { ProgrammeEntity } from './programme.entity.js';

const SORT_COLUMNS = { name: 'g.name', createdAt: 'g.created_at', updatedAt: 'g.updated_at' };

/** Every programme query; each one is scoped to a tenant. */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProgrammeEntity);
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<ProgrammeEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, id });
  }

  /**
   * the row, locked until the transaction ends: `update` for the programme's own changes,
   * `share` for a project joining it (so a concurrent move of the programme waits, and then sees
   * the project)
   */
  findLocked(
    manager: EntityManager,
    tenantId: string,
    id: string,
    mode: 'update' | 'share',
  ): Promise<ProgrammeEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('g')
      .setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read')
      .where('g.tenant_id = :tenantId AND g.id = :id', { tenantId, id })
      .getOne();
  }

  /** how many projects (archived ones too) are in the programme */
  countProjects(manager: EntityManager, tenantId: string, id: string): Promise<number> {
    return manager.getRepository(ProjectEntity).countBy({ tenantId, programmeId: id });
  }

  /** saves; a duplicate code in the tenant comes back as `'duplicate'` instead of throwing */
  save(manager: EntityManager, programme: ProgrammeEntity): Promise<ProgrammeEntity | 'duplicate'> {
    return unlessDuplicate(manager, 'programme_tenant_code_uq', () => this.repo(manager).save(programme));
  }

  list(tenantId: string, q: ListProgrammesRequest): Promise<Page<ProgrammeEntity>> {
    const qb = this.repo().createQueryBuilder('g').where('g.tenant_id = :tenantId', { tenantId });
    if (!q.includeArchived) qb.andWhere('g.archived_at IS NULL');
    if (q.portfolioId) qb.andWhere('g.portfolio_id = :portfolioId', { portfolioId: q.portfolioId });
    if (q.q) qb.andWhere('(g.name ILIKE :q OR g.code ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    return paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 'g.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [
        field === 'name' ? row.name : (field === 'updatedAt' ? row.updatedAt : row.createdAt).toISOString(),
        row.id,
      ],
    });
  }
}
