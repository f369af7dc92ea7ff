import { DEFAULT_PAGE_SIZE } from '@baton/contracts';
import { decodeCursor, encodeCursor } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TaskEntity } from './task.entity.js';
import { BASELINE_COLUMNS, baselineJoin, TASK_VIEW_COLUMNS, type TaskViewRow } from './task-view.js';

export interface ListOptions {
  projectId: string;
  limit?: number;
  cursor?: string;
  baselineId?: string;
  maxLevel?: number;
  /** schedule order (early start) instead of WBS order; `criticalOnly` keeps the critical work tasks */
  order: 'wbs' | 'schedule';
  criticalOnly?: boolean;
}

/** Every task query; callers pass a transaction's manager for writes. Reads are scoped by tenant. */
@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findForUpdate(m: EntityManager, tenantId: string, id: string): Promise<TaskEntity | null> {
    return m
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.tenant_id = :tenantId AND t.id = :id', { tenantId, id })
      .getOne();
  }

  async projectOf(tenantId: string, id: string, manager?: EntityManager): Promise<string | null> {
    const rows = (await this.m(manager).query(
      `SELECT project_id FROM planning.task WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    )) as {
      project_id: string;
    }[];
    return rows[0]?.project_id ?? null;
  }

  insert(m: EntityManager, t: TaskEntity): Promise<TaskEntity> {
    return m.getRepository(TaskEntity).save(t);
  }

  save(m: EntityManager, t: TaskEntity): Promise<TaskEntity> {
    return m.getRepository(TaskEntity).save(t);
  }

  async siblingCount(m: EntityManager, projectId: string, parentId: string | null): Promise<number> {
    const rows = (await m.query(
      `SELECT count(*)::int AS n FROM planning.task WHERE project_id = $1 AND parent_id IS NOT DISTINCT FROM $2`,
      [projectId, parentId],
    )) as { n: number }[];
    return rows[0]!.n;
  }

  /** makes room at `position` among the children of `parentId` */
  async shiftSiblings(
    m: EntityManager,
    projectId: string,
    parentId: string | null,
    position: number,
  ): Promise<void> {
    await m.query(
      `UPDATE planning.task SET position = position + 1 WHERE project_id = $1 AND parent_id IS NOT DISTINCT FROM $2 AND position >= $3`,
      [projectId, parentId, position],
    );
  }

  /**
   * Renumbers the project's WBS after an insert, move or delete: positions become 0..n−1 among
   * siblings, and each task's path (its WBS code) follows from its parent's. One statement.
   */
  async renumber(m: EntityManager, projectId: string): Promise<void> {
    await m.query(
      `WITH RECURSIVE ordered AS (
         SELECT id, parent_id, (row_number() OVER (PARTITION BY parent_id ORDER BY position, created_at, id))::int AS n
         FROM planning.task WHERE project_id = $1
       ), tree AS (
         SELECT id, ARRAY[n] AS path FROM ordered WHERE parent_id IS NULL
         UNION ALL
         SELECT o.id, tree.path || o.n FROM ordered o JOIN tree ON o.parent_id = tree.id
       )
       UPDATE planning.task t SET wbs_path = tree.path, position = tree.path[cardinality(tree.path)] - 1
       FROM tree WHERE t.id = tree.id AND (t.wbs_path IS DISTINCT FROM tree.path OR t.position <> tree.path[cardinality(tree.path)] - 1)`,
      [projectId],
    );
  }

  /** a leaf again once its last child left: task, or milestone when its duration is 0 */
  async refreshKind(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE planning.task t SET kind = CASE
         WHEN EXISTS (SELECT 1 FROM planning.task c WHERE c.parent_id = t.id) THEN 'summary'
         WHEN t.duration = 0 THEN 'milestone' ELSE 'task' END
       WHERE t.id = $1`,
      [id],
    );
  }

  async hasDependencies(m: EntityManager, id: string): Promise<boolean> {
    const rows = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM planning.dependency WHERE predecessor_id = $1 OR successor_id = $1) AS x`,
      [id],
    )) as { x: boolean }[];
    return rows[0]!.x;
  }

  /** whether `candidate` is `id` or lies below it */
  async isWithin(m: EntityManager, candidate: string, id: string): Promise<boolean> {
    const rows = (await m.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM planning.task WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id FROM planning.task t JOIN up ON t.id = up.parent_id)
       SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS x`,
      [candidate, id],
    )) as { x: boolean }[];
    return rows[0]!.x;
  }

  /** the task and its descendants */
  async subtree(m: EntityManager, id: string): Promise<{ id: string; wbs: string; name: string }[]> {
    return (await m.query(
      `WITH RECURSIVE down AS (SELECT id FROM planning.task WHERE id = $1
         UNION ALL SELECT t.id FROM planning.task t JOIN down ON t.parent_id = down.id)
       SELECT t.id, array_to_string(t.wbs_path, '.') AS wbs, t.name FROM planning.task t JOIN down USING (id)`,
      [id],
    )) as { id: string; wbs: string; name: string }[];
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM planning.task WHERE id = $1`, [id]);
  }

  async view(
    tenantId: string,
    id: string,
    manager?: EntityManager,
    baselineId?: string,
  ): Promise<TaskViewRow | null> {
    const params: unknown[] = [tenantId, id];
    if (baselineId) params.push(baselineId);
    const rows = (await this.m(manager).query(
      `SELECT ${TASK_VIEW_COLUMNS}${baselineId ? BASELINE_COLUMNS : ''} FROM planning.task t${baselineId ? baselineJoin('$3') : ''}
       WHERE t.tenant_id = $1 AND t.id = $2`,
      params,
    )) as TaskViewRow[];
    return rows[0] ?? null;
  }

  /** a page of the project's tasks, keyset-paginated on (wbs_path, id) or (early_start, wbs_path, id) */
  async list(o: ListOptions): Promise<{ items: TaskViewRow[]; nextCursor: string | null }> {
    const limit = o.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [o.projectId];
    const where = ['t.project_id = $1'];
    const sort = o.order === 'wbs' ? 'wbs' : o.criticalOnly ? 'critical' : 'schedule';
    if (o.maxLevel) {
      params.push(o.maxLevel);
      where.push(`cardinality(t.wbs_path) <= $${params.length}`);
    }
    if (o.criticalOnly) where.push(`t.critical AND t.kind <> 'summary'`);
    if (o.cursor) {
      const c = decodeCursor(o.cursor, sort) as { v: [number | null, number[]]; id: string };
      if (o.order === 'wbs') {
        params.push(c.v[1], c.id);
        where.push(`(t.wbs_path, t.id) > ($${params.length - 1}::int[], $${params.length}::uuid)`);
      } else {
        params.push(c.v[0] ?? -1, c.v[1], c.id);
        const n = params.length;
        where.push(
          `(COALESCE(t.early_start, -1), t.wbs_path, t.id) > ($${n - 2}::int, $${n - 1}::int[], $${n}::uuid)`,
        );
      }
    }
    let join = '';
    if (o.baselineId) {
      params.push(o.baselineId);
      join = baselineJoin(`$${params.length}`);
    }
    params.push(limit + 1);
    const orderBy = o.order === 'wbs' ? 't.wbs_path, t.id' : 'COALESCE(t.early_start, -1), t.wbs_path, t.id';
    const rows = (await this.dataSource.query(
      `SELECT ${TASK_VIEW_COLUMNS}${o.baselineId ? BASELINE_COLUMNS : ''}, t.wbs_path AS path FROM planning.task t${join}
       WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT $${params.length}`,
      params,
    )) as (TaskViewRow & { path: number[] })[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ s: sort, v: [last.early_start, last.path], id: last.id })
        : null;
    return { items, nextCursor };
  }
}
