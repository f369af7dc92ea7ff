import {
  ArchiveRequest,
  ByIdRequest,
  CreateProjectRequest,
  ListProjectsRequest,
  PlanningRpc,
  UpdateProjectRequest,
  type ProjectPage,
  type ProjectResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { ProjectService } from './project.service.js';

@Injectable()
export class ProjectRpcController {
  constructor(private readonly projects: ProjectService) {}

  @RpcHandler(PlanningRpc.projectCreate)
  create(req: CreateProjectRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.projects.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.projectGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.projects.get(req.id, ctx);
  }

  @RpcHandler(PlanningRpc.projectList)
  list(req: ListProjectsRequest, ctx: RpcContext): Promise<ProjectPage> {
    return this.projects.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.projectUpdate)
  update(req: UpdateProjectRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.projects.update(req, ctx);
  }

  @RpcHandler(PlanningRpc.projectArchive)
  archive(req: ArchiveRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.projects.archive(req, ctx);
  }
}
