import { ConflictError, NotFoundError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProjectEntity } from '../project/project.entity.js';

/**
 * The project a backlog item, sprint or change request belongs to, looked up in the caller's
 * tenant: another tenant's project is NOT_FOUND, exactly like a missing one.
 */
@Injectable()
export class ProjectRefs {
  constructor(private readonly dataSource: DataSource) {}

  /** for reads and lists: the project must exist in the tenant (archived is fine) */
  async require(tenantId: string, projectId: string, manager?: EntityManager): Promise<ProjectEntity> {
    const p = await (manager ?? this.dataSource.manager)
      .getRepository(ProjectEntity)
      .findOneBy({ tenantId, id: projectId });
    if (!p) throw new NotFoundError('project', projectId);
    return p;
  }

  /** for changes: the project must exist and not be archived; the row is share-locked until commit */
  async requireOpen(manager: EntityManager, tenantId: string, projectId: string): Promise<ProjectEntity> {
    const p = await manager
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_read')
      .where('p.tenant_id = :tenantId AND p.id = :projectId', { tenantId, projectId })
      .getOne();
    if (!p) throw new NotFoundError('project', projectId);
    if (p.archivedAt) throw archived(projectId);
    return p;
  }

  /**
   * for changes to an existing backlog item, sprint or change request: its project must not be
   * archived (an archived project is read-only). No lock: the caller already holds its own row,
   * and baselines take the project row for update later in the same transaction.
   */
  async assertOpen(manager: EntityManager, tenantId: string, projectId: string): Promise<void> {
    const p = await this.require(tenantId, projectId, manager);
    if (p.archivedAt) throw archived(projectId);
  }
}

const archived = (projectId: string) =>
  new ConflictError(`project ${projectId} is archived and cannot be changed`, {
    errors: [{ field: 'projectId', message: `project ${projectId} is archived` }],
  });

/** Serialises changes of one kind within one project (rank moves, sprint dates) until the transaction ends. */
export async function lockProjectScope(
  manager: EntityManager,
  scope: string,
  projectId: string,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${scope}:${projectId}`]);
}
