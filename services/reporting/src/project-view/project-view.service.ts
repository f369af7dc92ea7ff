import type { EventEnvelope, ListProjectViewsRequest, ProjectResponse, ProjectViewPage, ProjectViewResponse } from '@baton/contracts';
import { NotFoundError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProjectViewEntity } from './project-view.entity.js';
import { ProjectViewRepository } from './project-view.repository.js';

export function toProjectViewResponse(v: ProjectViewEntity): ProjectViewResponse {
  return {
    projectId: v.projectId,
    portfolioId: v.portfolioId,
    programmeId: v.programmeId,
    name: v.name,
    code: v.code,
    status: v.status,
    archived: v.archived,
    targetDate: v.targetDate,
    version: v.version,
    eventsApplied: v.eventsApplied,
    lastEventId: v.lastEventId,
    updatedAt: v.updatedAt.toISOString(),
  };
}

@Injectable()
export class ProjectViewService {
  constructor(private readonly views: ProjectViewRepository) {}

  apply(event: EventEnvelope<ProjectResponse>, manager: EntityManager): Promise<boolean> {
    return this.views.applySnapshot(manager, event);
  }

  async get(projectId: string, ctx: RpcContext): Promise<ProjectViewResponse> {
    const v = await this.views.find(ctx.tenantId, projectId);
    if (!v) throw new NotFoundError('project', projectId);
    return toProjectViewResponse(v);
  }

  async list(q: ListProjectViewsRequest, ctx: RpcContext): Promise<ProjectViewPage> {
    const page = await this.views.list(ctx.tenantId, q);
    return { items: page.items.map(toProjectViewResponse), nextCursor: page.nextCursor };
  }
}
