import {
  ByIdRequest,
  ListProjectViewsRequest,
  PlanningEvents,
  ReportingRpc,
  type EventEnvelope,
  type ProjectResponse,
  type ProjectViewPage,
  type ProjectViewResponse,
} from '@baton/contracts';
import { EventHandler, RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProjectViewService } from './project-view.service.js';

/** Planning's project events in (durable consumer `reporting-project-view`), queries out. */
@Injectable()
export class ProjectViewHandlers {
  constructor(private readonly views: ProjectViewService) {}

  @EventHandler({
    name: 'project-view',
    events: [PlanningEvents.projectCreated, PlanningEvents.projectUpdated, PlanningEvents.projectArchived],
  })
  async onProjectEvent(event: EventEnvelope<unknown>, manager: EntityManager): Promise<void> {
    await this.views.apply(event as EventEnvelope<ProjectResponse>, manager);
  }

  @RpcHandler(ReportingRpc.projectViewGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<ProjectViewResponse> {
    return this.views.get(req.id, ctx);
  }

  @RpcHandler(ReportingRpc.projectViewList)
  list(req: ListProjectViewsRequest, ctx: RpcContext): Promise<ProjectViewPage> {
    return this.views.list(req, ctx);
  }
}
