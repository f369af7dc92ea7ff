import {
  ByIdRequest,
  CreateAssignmentRequest,
  DecideAssignmentRequest,
  ListAssignmentsRequest,
  RespondAssignmentRequest,
  ResourcesRpc,
  type AssignmentPage,
  type AssignmentResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { AssignmentService } from './assignment.service.js';

@Injectable()
export class AssignmentRpcController {
  constructor(private readonly assignments: AssignmentService) {}

  @RpcHandler(ResourcesRpc.assignmentCreate)
  create(req: CreateAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    return this.assignments.create(req, ctx);
  }

  @RpcHandler(ResourcesRpc.assignmentGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    return this.assignments.get(req.id, ctx);
  }

  @RpcHandler(ResourcesRpc.assignmentList)
  list(req: ListAssignmentsRequest, ctx: RpcContext): Promise<AssignmentPage> {
    return this.assignments.list(req, ctx);
  }

  @RpcHandler(ResourcesRpc.assignmentDecide)
  decide(req: DecideAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    return this.assignments.decide(req, ctx);
  }

  @RpcHandler(ResourcesRpc.assignmentRespond)
  respond(req: RespondAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    return this.assignments.respond(req, ctx);
  }
}
