import {
  ResourcesResourceProjectRequest,
  ResourcesRpc,
  type ResourceProjectResponse,
} from '@baton/contracts';
import { NotFoundError, RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { ProjectScopeRepository } from './project-scope.repository.js';

/**
 * `…resources.resource.project-of`: which project a leveling run or an assignment is for, so the
 * gateway can apply roles assigned for that project. Another tenant's object, or none, is NOT_FOUND.
 */
@Injectable()
export class ProjectScopeRpcController {
  constructor(private readonly repo: ProjectScopeRepository) {}

  @RpcHandler(ResourcesRpc.resourceProjectOf)
  async projectOf(req: ResourcesResourceProjectRequest, ctx: RpcContext): Promise<ResourceProjectResponse> {
    const projectId = await this.repo.projectOf(ctx.tenantId, req.kind, req.id);
    if (!projectId) throw new NotFoundError(req.kind, req.id);
    return { projectId };
  }
}
