import type { ResourcesProjectResourceKind } from '@baton/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const TABLE: Record<ResourcesProjectResourceKind, string> = {
  'leveling-run': 'resources.leveling_run',
  assignment: 'resources.assignment',
};

@Injectable()
export class ProjectScopeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** one primary-key lookup, filtered by tenant: null for an unknown id or another tenant's */
  async projectOf(tenantId: string, kind: ResourcesProjectResourceKind, id: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT project_id FROM ${TABLE[kind]} WHERE id = $2 AND tenant_id = $1`,
      [tenantId, id],
    )) as { project_id: string }[];
    return rows[0]?.project_id ?? null;
  }
}
