import {
  ByIdRequest,
  CreateBaselineRequest,
  ListBaselinesRequest,
  PlanningRpc,
  type BaselinePage,
  type BaselineResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { BaselineService } from './baseline.service.js';

@Injectable()
export class BaselineRpcController {
  constructor(private readonly baselines: BaselineService) {}

  @RpcHandler(PlanningRpc.baselineCreate)
  create(req: CreateBaselineRequest, ctx: RpcContext): Promise<BaselineResponse> {
    return this.baselines.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.baselineGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<BaselineResponse> {
    return this.baselines.get(req.id, ctx);
  }

  @RpcHandler(PlanningRpc.baselineList)
  list(req: ListBaselinesRequest, ctx: RpcContext): Promise<BaselinePage> {
    return this.baselines.list(req, ctx);
  }
}
