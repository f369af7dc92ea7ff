import { DEFAULT_PAGE_SIZE } from '@baton/contracts';
import { decodeCursor, encodeCursor, unlessDuplicate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { BaselineEntity } from './baseline.entity.js';

export interface BaselineTaskRow {
  id: string;
  start: string | null;
  finish: string | null;
  duration: number;
}

@Injectable()
export class BaselineRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** a baseline of the project by id or by name */
  async resolve(
    projectId: string,
    nameOrId: string,
    manager?: EntityManager,
  ): Promise<BaselineEntity | null> {
    const repo = this.m(manager).getRepository(BaselineEntity);
    if (isUUID(nameOrId)) {
      const byId = await repo.findOneBy({ projectId, id: nameOrId });
      if (byId) return byId;
    }
    return repo.findOneBy({ projectId, name: nameOrId });
  }

  find(tenantId: string, id: string): Promise<BaselineEntity | null> {
    return this.m().getRepository(BaselineEntity).findOneBy({ tenantId, id });
  }

  /** inserts the baseline; a duplicate name in the project comes back as 'duplicate-name' */
  async insert(
    m: EntityManager,
    b: BaselineEntity,
    tasks: BaselineTaskRow[],
  ): Promise<BaselineEntity | 'duplicate-name'> {
    const inserted = await unlessDuplicate(m, 'baseline_project_name_uq', () =>
      m.getRepository(BaselineEntity).insert(b),
    );
    if (inserted === 'duplicate') return 'duplicate-name';
    if (tasks.length > 0) {
      await m.query(
        `INSERT INTO planning.baseline_task (baseline_id, task_id, start_date, finish_date, duration)
         SELECT $1, u.id, u.s, u.f, u.d FROM unnest($2::uuid[], $3::date[], $4::date[], $5::int[]) AS u(id, s, f, d)`,
        [
          b.id,
          tasks.map((t) => t.id),
          tasks.map((t) => t.start),
          tasks.map((t) => t.finish),
          tasks.map((t) => t.duration),
        ],
      );
    }
    return b;
  }

  async list(
    projectId: string,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<{ items: BaselineEntity[]; nextCursor: string | null }> {
    const qb = this.m()
      .getRepository(BaselineEntity)
      .createQueryBuilder('b')
      .where('b.project_id = :projectId', { projectId });
    if (cursor) {
      const c = decodeCursor(cursor, 'createdAt');
      qb.andWhere('(b.created_at, b.id) > (:v, :id)', { v: c.v, id: c.id });
    }
    const rows = await qb
      .orderBy('b.created_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: 'createdAt', v: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }
}
