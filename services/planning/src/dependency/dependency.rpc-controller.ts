import {
  CreateDependencyRequest,
  DeleteDependencyRequest,
  ListDependenciesRequest,
  PlanningRpc,
  UpdateDependencyRequest,
  type DependencyChangeResponse,
  type DependencyDeletedResponse,
  type DependencyPage,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DependencyService } from './dependency.service.js';

@Injectable()
export class DependencyRpcController {
  constructor(private readonly deps: DependencyService) {}

  @RpcHandler(PlanningRpc.dependencyCreate)
  create(req: CreateDependencyRequest, ctx: RpcContext): Promise<DependencyChangeResponse> {
    return this.deps.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.dependencyList)
  list(req: ListDependenciesRequest, ctx: RpcContext): Promise<DependencyPage> {
    return this.deps.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.dependencyUpdate)
  update(req: UpdateDependencyRequest, ctx: RpcContext): Promise<DependencyChangeResponse> {
    return this.deps.update(req, ctx);
  }

  @RpcHandler(PlanningRpc.dependencyDelete)
  delete(req: DeleteDependencyRequest, ctx: RpcContext): Promise<DependencyDeletedResponse> {
    return this.deps.delete(req, ctx);
  }
}
