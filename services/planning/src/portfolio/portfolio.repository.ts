import type { ListPortfoliosRequest, Page } from '@baton/contracts';
import { escapeLike, paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PortfolioEntity } from './portfolio.entity.js';

/** Every portfolio query; each one is scoped to a tenant. */
@Injectable()
export class PortfolioRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PortfolioEntity);
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<PortfolioEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, id });
  }

  /** the row, locked until the transaction ends (serialises concurrent updates) */
  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<PortfolioEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.tenant_id = :tenantId AND p.id = :id', { tenantId, id })
      .getOne();
  }

  async save(manager: EntityManager, portfolio: PortfolioEntity): Promise<PortfolioEntity> {
    return this.repo(manager).save(portfolio);
  }

  list(tenantId: string, q: ListPortfoliosRequest): Promise<Page<PortfolioEntity>> {
    const qb = this.repo().createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId });
    if (!q.includeArchived) qb.andWhere('p.archived_at IS NULL');
    if (q.q) qb.andWhere('p.name ILIKE :q', { q: `%${escapeLike(q.q)}%` });
    return paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: { name: 'p.name', createdAt: 'p.created_at' },
      idColumn: 'p.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'name' ? row.name : row.createdAt.toISOString(), row.id],
    });
  }
}
