import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Computed, DependencyRow, RollUp, TaskRow } from './compute.js';

/** What scheduling needs of a project row. */
export interface ProjectScheduleRow {
  id: string;
  tenant_id: string;
  portfolio_id: string | null;
  name: string;
  start_date: string;
  calendar_id: string | null;
  status_date: string | null;
  deadline: string | null;
  finish_offset: number | null;
  task_count: number;
  critical_count: number;
  late_count: number;
  scheduled_at: Date | null;
  schedule_rev: string | null;
  archived_at: Date | null;
}

export interface ExternalRow {
  successor_id: string;
  type: DependencyRow['type'];
  lag: number;
  predecessor_project_id: string;
  early_start: number | null;
  early_finish: number | null;
}

const PROJECT_COLUMNS = `id, tenant_id, portfolio_id, name, COALESCE(start_date, created_at::date)::text AS start_date, calendar_id,
  status_date::text AS status_date, deadline::text AS deadline, finish_offset, task_count, critical_count, late_count,
  scheduled_at, schedule_rev, archived_at`;

/** Lean SQL for the reschedule path: one query per kind of row, bulk writes through unnest arrays. */
@Injectable()
export class ScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** the project outside any transaction (reads) */
  read(tenantId: string, projectId: string): Promise<ProjectScheduleRow | null> {
    return this.project(this.dataSource.manager, tenantId, projectId);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async project(
    m: EntityManager,
    tenantId: string,
    projectId: string,
    lock = false,
  ): Promise<ProjectScheduleRow | null> {
    const rows = (await m.query(
      `SELECT ${PROJECT_COLUMNS} FROM planning.project WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tenantId, projectId],
    )) as ProjectScheduleRow[];
    return rows[0] ?? null;
  }

  async tasks(m: EntityManager, projectId: string, ids?: string[]): Promise<TaskRow[]> {
    return (await m.query(
      `SELECT id, parent_id, cardinality(wbs_path) AS depth, kind, name, array_to_string(wbs_path, '.') AS wbs, duration, effort,
        constraint_type, constraint_date::text AS constraint_date, deadline::text AS deadline, percent_complete,
        actual_start::text AS actual_start, actual_finish::text AS actual_finish, remaining_duration,
        early_start, early_finish, late_start, late_finish, total_float, free_float, critical, late, milestone_state
       FROM planning.task WHERE project_id = $1${ids ? ' AND id = ANY($2::uuid[])' : ''}`,
      ids ? [projectId, ids] : [projectId],
    )) as TaskRow[];
  }

  async internalDependencies(m: EntityManager, projectId: string): Promise<DependencyRow[]> {
    return (await m.query(
      `SELECT predecessor_id, successor_id, type, lag FROM planning.dependency
       WHERE successor_project_id = $1 AND predecessor_project_id = $1`,
      [projectId],
    )) as DependencyRow[];
  }

  async externalPredecessors(m: EntityManager, projectId: string): Promise<ExternalRow[]> {
    return (await m.query(
      `SELECT d.successor_id, d.type, d.lag, d.predecessor_project_id, t.early_start, t.early_finish
       FROM planning.dependency d JOIN planning.task t ON t.id = d.predecessor_id
       WHERE d.successor_project_id = $1 AND d.predecessor_project_id <> $1`,
      [projectId],
    )) as ExternalRow[];
  }

  /** projects with tasks that depend on this project's tasks */
  async successorProjects(m: EntityManager, projectId: string): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT successor_project_id AS id FROM planning.dependency
       WHERE predecessor_project_id = $1 AND successor_project_id <> $1`,
      [projectId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** one UPDATE for every task whose computed values moved */
  async writeComputed(m: EntityManager, ids: string[], c: Computed[]): Promise<void> {
    if (ids.length === 0) return;
    const col = <K extends keyof Computed>(k: K) => c.map((x) => x[k]);
    await m.query(
      `UPDATE planning.task t SET early_start = u.es, early_finish = u.ef, late_start = u.ls, late_finish = u.lf,
         total_float = u.tf, free_float = u.ff, critical = u.cr, late = u.lt
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bool[], $9::bool[])
         AS u(id, es, ef, ls, lf, tf, ff, cr, lt)
       WHERE t.id = u.id`,
      [ids, col('es'), col('ef'), col('ls'), col('lf'), col('tf'), col('ff'), col('critical'), col('late')],
    );
  }

  async writeRollUps(m: EntityManager, ids: string[], r: RollUp[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `UPDATE planning.task t SET duration = u.d, effort = u.e, percent_complete = u.p, actual_start = u.s, actual_finish = u.f
       FROM unnest($1::uuid[], $2::int[], $3::numeric[], $4::smallint[], $5::date[], $6::date[]) AS u(id, d, e, p, s, f)
       WHERE t.id = u.id`,
      [
        ids,
        r.map((x) => x.duration),
        r.map((x) => x.effort),
        r.map((x) => x.percent),
        r.map((x) => x.actualStart),
        r.map((x) => x.actualFinish),
      ],
    );
  }

  async writeMilestoneStates(m: EntityManager, ids: string[], states: (string | null)[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `UPDATE planning.task t SET milestone_state = u.s FROM unnest($1::uuid[], $2::text[]) AS u(id, s) WHERE t.id = u.id`,
      [ids, states],
    );
  }

  async writeProjectSummary(
    m: EntityManager,
    projectId: string,
    s: {
      finishOffset: number | null;
      taskCount: number;
      criticalCount: number;
      lateCount: number;
      at: Date;
      rev: string;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE planning.project SET finish_offset = $2, task_count = $3, critical_count = $4, late_count = $5, scheduled_at = $6,
         schedule_rev = $7 WHERE id = $1`,
      [projectId, s.finishOffset, s.taskCount, s.criticalCount, s.lateCount, s.at, s.rev],
    );
  }

  async writeSettings(
    m: EntityManager,
    projectId: string,
    s: Partial<Record<'calendar_id' | 'status_date' | 'deadline', string | null>>,
  ) {
    const keys = Object.keys(s) as (keyof typeof s)[];
    if (keys.length === 0) return;
    await m.query(
      `UPDATE planning.project SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
      [projectId, ...keys.map((k) => s[k])],
    );
  }
}
