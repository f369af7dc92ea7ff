import {
  ByIdRequest,
  CommitSprintItemsRequest,
  CreateSprintRequest,
  ListSprintsRequest,
  PlanningAgileRpc,
  SprintTransitionRequest,
  UpdateSprintRequest,
  VelocityRequest,
  type SprintPage,
  type SprintResponse,
  type VelocityResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { SprintService } from './sprint.service.js';

@Injectable()
export class SprintRpcController {
  constructor(private readonly sprints: SprintService) {}

  @RpcHandler(PlanningAgileRpc.sprintCreate)
  create(req: CreateSprintRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.create(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.get(req.id, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintList)
  list(req: ListSprintsRequest, ctx: RpcContext): Promise<SprintPage> {
    return this.sprints.list(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintUpdate)
  update(req: UpdateSprintRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.update(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintStart)
  start(req: SprintTransitionRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.start(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintClose)
  close(req: SprintTransitionRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.close(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.sprintCommit)
  commit(req: CommitSprintItemsRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.sprints.commit(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.velocityGet)
  velocity(req: VelocityRequest, ctx: RpcContext): Promise<VelocityResponse> {
    return this.sprints.velocity(req, ctx);
  }
}
