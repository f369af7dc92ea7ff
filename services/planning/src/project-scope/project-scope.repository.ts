import type { PlanningProjectResourceKind } from '@baton/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Where each kind keeps its project. A dependency belongs to its successor's project: it is
 * created on the successor task and constrains that task's schedule.
 */
const PROJECT_COLUMN: Record<PlanningProjectResourceKind, { table: string; column: string }> = {
  task: { table: 'planning.task', column: 'project_id' },
  dependency: { table: 'planning.dependency', column: 'successor_project_id' },
  baseline: { table: 'planning.baseline', column: 'project_id' },
  sprint: { table: 'planning.sprint', column: 'project_id' },
  'backlog-item': { table: 'planning.backlog_item', column: 'project_id' },
  'change-request': { table: 'planning.change_request', column: 'project_id' },
};

@Injectable()
export class ProjectScopeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** one primary-key lookup, filtered by tenant: null for an unknown id or another tenant's */
  async projectOf(tenantId: string, kind: PlanningProjectResourceKind, id: string): Promise<string | null> {
    const { table, column } = PROJECT_COLUMN[kind];
    const rows = (await this.dataSource.query(
      `SELECT ${column} AS project_id FROM ${table} WHERE id = $2 AND tenant_id = $1`,
      [tenantId, id],
    )) as { project_id: string }[];
    return rows[0]?.project_id ?? null;
  }
}
