import {
  ByIdRequest,
  CreateBacklogItemRequest,
  DeleteBacklogItemRequest,
  ListBacklogItemsRequest,
  MoveBacklogItemRequest,
  PlanningAgileRpc,
  UpdateBacklogItemRequest,
  type BacklogItemPage,
  type BacklogItemResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { BacklogService } from './backlog.service.js';

@Injectable()
export class BacklogRpcController {
  constructor(private readonly backlog: BacklogService) {}

  @RpcHandler(PlanningAgileRpc.backlogItemCreate)
  create(req: CreateBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.backlog.create(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.backlog.get(req.id, ctx);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemList)
  list(req: ListBacklogItemsRequest, ctx: RpcContext): Promise<BacklogItemPage> {
    return this.backlog.list(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemUpdate)
  update(req: UpdateBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.backlog.update(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemMove)
  move(req: MoveBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.backlog.move(req, ctx);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemDelete)
  delete(req: DeleteBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.backlog.delete(req, ctx);
  }
}
