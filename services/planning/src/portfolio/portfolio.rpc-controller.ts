import {
  ArchiveRequest,
  ByIdRequest,
  CreatePortfolioRequest,
  ListPortfoliosRequest,
  PlanningRpc,
  UpdatePortfolioRequest,
  type PortfolioPage,
  type PortfolioResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { PortfolioService } from './portfolio.service.js';

/** NATS handlers: the payload arrives validated against the contract; the service does the rest. */
@Injectable()
export class PortfolioRpcController {
  constructor(private readonly portfolios: PortfolioService) {}

  @RpcHandler(PlanningRpc.portfolioCreate)
  create(req: CreatePortfolioRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.portfolios.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.portfolioGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.portfolios.get(req.id, ctx);
  }

  @RpcHandler(PlanningRpc.portfolioList)
  list(req: ListPortfoliosRequest, ctx: RpcContext): Promise<PortfolioPage> {
    return this.portfolios.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.portfolioUpdate)
  update(req: UpdatePortfolioRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.portfolios.update(req, ctx);
  }

  @RpcHandler(PlanningRpc.portfolioArchive)
  archive(req: ArchiveRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.portfolios.archive(req, ctx);
  }
}
