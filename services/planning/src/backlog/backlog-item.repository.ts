import type { ListBacklogItemsRequest, Page } from '@baton/contracts';
import { paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BacklogItemEntity } from './backlog-item.entity.js';

const SORT_COLUMNS = { rank: 'b.rank', createdAt: 'b.created_at', updatedAt: 'b.updated_at' };

/** the distance between neighbouring ranks after a renumbering and at the bottom of the backlog */
export const RANK_GAP = 1024;

/** Every backlog item query; each one is scoped to a tenant. */
@Injectable()
export class BacklogItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(BacklogItemEntity);
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<BacklogItemEntity | null> {
    return this.repo(manager).findOneBy({ tenantId, id });
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<BacklogItemEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.tenant_id = :tenantId AND b.id = :id', { tenantId, id })
      .getOne();
  }

  /** locks the rows in id order (a fixed order: no deadlock between two commits) */
  findManyForUpdate(manager: EntityManager, tenantId: string, ids: string[]): Promise<BacklogItemEntity[]> {
    return this.repo(manager)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.tenant_id = :tenantId AND b.id IN (:...ids)', { tenantId, ids })
      .orderBy('b.id')
      .getMany();
  }

  save(manager: EntityManager, item: BacklogItemEntity): Promise<BacklogItemEntity> {
    return this.repo(manager).save(item);
  }

  saveAll(manager: EntityManager, items: BacklogItemEntity[]): Promise<BacklogItemEntity[]> {
    return this.repo(manager).save(items);
  }

  remove(manager: EntityManager, item: BacklogItemEntity): Promise<unknown> {
    return this.repo(manager).delete({ tenantId: item.tenantId, id: item.id });
  }

  async bottomRank(manager: EntityManager, tenantId: string, projectId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT COALESCE(MAX(rank), 0)::int AS max FROM planning.backlog_item WHERE tenant_id = $1 AND project_id = $2`,
      [tenantId, projectId],
    )) as { max: number }[];
    return (row?.max ?? 0) + RANK_GAP;
  }

  /** the item just above (`before`) or just below (`after`) the given one in the backlog order, skipping `exceptId` */
  neighbour(
    manager: EntityManager,
    ref: BacklogItemEntity,
    side: 'above' | 'below',
    exceptId: string,
  ): Promise<BacklogItemEntity | null> {
    const above = side === 'above';
    return this.repo(manager)
      .createQueryBuilder('b')
      .where('b.tenant_id = :tenantId AND b.project_id = :projectId AND b.id <> :exceptId', {
        tenantId: ref.tenantId,
        projectId: ref.projectId,
        exceptId,
      })
      .andWhere(`(b.rank, b.id) ${above ? '<' : '>'} (:rank, :id)`, { rank: ref.rank, id: ref.id })
      .orderBy('b.rank', above ? 'DESC' : 'ASC')
      .addOrderBy('b.id', above ? 'DESC' : 'ASC')
      .limit(1)
      .getOne();
  }

  /** spreads the project's ranks RANK_GAP apart again, keeping the order (ranks only; versions unchanged) */
  async renumber(manager: EntityManager, tenantId: string, projectId: string): Promise<void> {
    await manager.query(
      `UPDATE planning.backlog_item b SET rank = r.n * ${RANK_GAP}
         FROM (SELECT id, row_number() OVER (ORDER BY rank, id) AS n FROM planning.backlog_item
                WHERE tenant_id = $1 AND project_id = $2) r
        WHERE b.id = r.id AND b.tenant_id = $1`,
      [tenantId, projectId],
    );
  }

  /** the items of a sprint, locked (closing a sprint must not race an item leaving it) */
  inSprintForUpdate(
    manager: EntityManager,
    tenantId: string,
    sprintId: string,
  ): Promise<BacklogItemEntity[]> {
    return this.repo(manager)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.tenant_id = :tenantId AND b.sprint_id = :sprintId', { tenantId, sprintId })
      .orderBy('b.id')
      .getMany();
  }

  list(tenantId: string, q: ListBacklogItemsRequest): Promise<Page<BacklogItemEntity>> {
    const qb = this.repo()
      .createQueryBuilder('b')
      .where('b.tenant_id = :tenantId AND b.project_id = :projectId', { tenantId, projectId: q.projectId });
    if (q.status?.length) qb.andWhere('b.status IN (:...status)', { status: q.status });
    if (q.sprintId) qb.andWhere('b.sprint_id = :sprintId', { sprintId: q.sprintId });
    if (q.unassigned) qb.andWhere('b.sprint_id IS NULL');
    return paginate(qb, {
      sort: q.sort ?? 'rank',
      columns: SORT_COLUMNS,
      idColumn: 'b.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [
        field === 'rank' ? row.rank : (field === 'updatedAt' ? row.updatedAt : row.createdAt).toISOString(),
        row.id,
      ],
    });
  }
}
