import { DEFAULT_PAGE_SIZE } from '@baton/contracts';
import { decodeCursor, encodeCursor, unlessDuplicate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DependencyEntity } from './dependency.entity.js';

export interface TaskEnd {
  id: string;
  project_id: string;
  portfolio_id: string | null;
  kind: string;
  wbs: string;
  name: string;
  /** its project's code, or name when it has no code (names cross-project cycles) */
  project: string;
}

/** A dependency reachable from a task, with what names its successor in a cycle. */
export interface ReachableEdge {
  p: string;
  s: string;
  wbs: string;
  name: string;
  projectId: string;
  project: string;
}

@Injectable()
export class DependencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** a task of the tenant with what a dependency end needs to know */
  async taskEnd(m: EntityManager, tenantId: string, id: string): Promise<TaskEnd | null> {
    const rows = (await m.query(
      `SELECT t.id, t.project_id, p.portfolio_id, t.kind, array_to_string(t.wbs_path, '.') AS wbs, t.name,
         coalesce(p.code, p.name) AS project
       FROM planning.task t JOIN planning.project p ON p.id = t.project_id WHERE t.tenant_id = $1 AND t.id = $2`,
      [tenantId, id],
    )) as TaskEnd[];
    return rows[0] ?? null;
  }

  /**
   * Whether task `id` exists in a tenant other than `tenantId`: the one question planning answers
   * about another tenant's data, and only with a yes or no, so that a dependency across tenants
   * is told apart from a task that exists nowhere (404 against 422, as the planning API promises).
   */
  async isOtherTenantsTask(m: EntityManager, tenantId: string, id: string): Promise<boolean> {
    const rows = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM planning.task WHERE id = $2 AND tenant_id <> $1) AS found`,
      [tenantId, id],
    )) as { found: boolean }[];
    return rows[0].found;
  }

  findForUpdate(m: EntityManager, tenantId: string, id: string): Promise<DependencyEntity | null> {
    return m
      .getRepository(DependencyEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.tenant_id = :tenantId AND d.id = :id', { tenantId, id })
      .getOne();
  }

  /** saves; the same pair twice comes back as 'duplicate' */
  save(m: EntityManager, d: DependencyEntity): Promise<DependencyEntity | 'duplicate'> {
    return unlessDuplicate(m, 'dependency_pair_uq', () => m.getRepository(DependencyEntity).save(d));
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM planning.dependency WHERE id = $1`, [id]);
  }

  /** whether the dependency graph (every project) leads from `from` to `to` */
  async reaches(m: EntityManager, from: string, to: string): Promise<boolean> {
    const rows = (await m.query(
      `WITH RECURSIVE reach(id) AS (SELECT $1::uuid UNION SELECT d.successor_id FROM planning.dependency d JOIN reach r ON d.predecessor_id = r.id)
       SELECT EXISTS (SELECT 1 FROM reach WHERE id = $2) AS x`,
      [from, to],
    )) as { x: boolean }[];
    return rows[0]!.x;
  }

  /** the edges reachable from `from`, to name a cycle */
  async edgesFrom(m: EntityManager, from: string): Promise<ReachableEdge[]> {
    return (await m.query(
      `WITH RECURSIVE reach(id) AS (SELECT $1::uuid UNION SELECT d.successor_id FROM planning.dependency d JOIN reach r ON d.predecessor_id = r.id)
       SELECT d.predecessor_id AS p, d.successor_id AS s, array_to_string(t.wbs_path, '.') AS wbs, t.name,
         t.project_id AS "projectId", coalesce(pr.code, pr.name) AS project
       FROM planning.dependency d JOIN reach r ON d.predecessor_id = r.id JOIN planning.task t ON t.id = d.successor_id
       JOIN planning.project pr ON pr.id = t.project_id`,
      [from],
    )) as ReachableEdge[];
  }

  async hasCrossProject(m: EntityManager, projectIds: string[]): Promise<boolean> {
    const rows = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM planning.dependency WHERE predecessor_project_id <> successor_project_id
         AND (predecessor_project_id = ANY($1::uuid[]) OR successor_project_id = ANY($1::uuid[]))) AS x`,
      [projectIds],
    )) as { x: boolean }[];
    return rows[0]!.x;
  }

  async list(
    projectId: string,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<{ items: DependencyEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(DependencyEntity)
      .createQueryBuilder('d')
      .where('(d.successor_project_id = :projectId OR d.predecessor_project_id = :projectId)', { projectId });
    if (cursor) qb.andWhere('d.id > :id', { id: decodeCursor(cursor, 'id').id });
    const rows = await qb
      .orderBy('d.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ s: 'id', v: null, id: last.id }) : null,
    };
  }
}
