import {
  ArchiveRequest,
  ByIdRequest,
  CreateProgrammeRequest,
  ListProgrammesRequest,
  PlanningRpc,
  UpdateProgrammeRequest,
  type ProgrammePage,
  type ProgrammeResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { ProgrammeService } from './programme.service.js';

/** NATS handlers: the payload arrives validated against the contract; the service does the rest. */
@Injectable()
export class ProgrammeRpcController {
  constructor(private readonly programmes: ProgrammeService) {}

  @RpcHandler(PlanningRpc.programmeCreate)
  create(req: CreateProgrammeRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.programmes.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.programmeGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.programmes.get(req.id, ctx);
  }

  @RpcHandler(PlanningRpc.programmeList)
  list(req: ListProgrammesRequest, ctx: RpcContext): Promise<ProgrammePage> {
    return this.programmes.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.programmeUpdate)
  update(req: UpdateProgrammeRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.programmes.update(req, ctx);
  }

  @RpcHandler(PlanningRpc.programmeArchive)
  archive(req: ArchiveRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.programmes.archive(req, ctx);
  }
}
