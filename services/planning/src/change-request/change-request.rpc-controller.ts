import {
  ApproveChangeRequestRequest,
  ByIdRequest,
  ChangeRequestHistoryRequest,
  CreateChangeRequestRequest,
  ListChangeRequestsRequest,
  PlanningChangeRequestRpc,
  RejectChangeRequestRequest,
  SubmitChangeRequestRequest,
  UpdateChangeRequestRequest,
  type ChangeRequestHistoryPage,
  type ChangeRequestPage,
  type ChangeRequestResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { ChangeRequestService } from './change-request.service.js';

@Injectable()
export class ChangeRequestRpcController {
  constructor(private readonly changeRequests: ChangeRequestService) {}

  @RpcHandler(PlanningChangeRequestRpc.changeRequestCreate)
  create(req: CreateChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.create(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.get(req.id, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestList)
  list(req: ListChangeRequestsRequest, ctx: RpcContext): Promise<ChangeRequestPage> {
    return this.changeRequests.list(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestUpdate)
  update(req: UpdateChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.update(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestSubmit)
  submit(req: SubmitChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.submit(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestApprove)
  approve(req: ApproveChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.approve(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestReject)
  reject(req: RejectChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.changeRequests.reject(req, ctx);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestHistory)
  history(req: ChangeRequestHistoryRequest, ctx: RpcContext): Promise<ChangeRequestHistoryPage> {
    return this.changeRequests.history(req, ctx);
  }
}
