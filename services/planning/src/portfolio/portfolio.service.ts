import {
  PlanningEvents,
  type ArchiveRequest,
  type CreatePortfolioRequest,
  type ListPortfoliosRequest,
  type PortfolioPage,
  type PortfolioResponse,
  type UpdatePortfolioRequest,
} from '@baton/contracts';
import {
  Clock,
  ConflictError,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PortfolioEntity } from './portfolio.entity.js';
import { PortfolioRepository } from './portfolio.repository.js';

export function toPortfolioResponse(p: PortfolioEntity): PortfolioResponse {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.archivedAt ? 'archived' : 'active',
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    archivedAt: p.archivedAt ? p.archivedAt.toISOString() : null,
  };
}

@Injectable()
export class PortfolioService {
  constructor(
    private readonly portfolios: PortfolioRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreatePortfolioRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const p = Object.assign(new PortfolioEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        description: req.description ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      });
      await this.portfolios.save(tx.manager, p);
      return this.emit(tx, ctx, p, PlanningEvents.portfolioCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<PortfolioResponse> {
    const p = await this.portfolios.find(ctx.tenantId, id);
    if (!p) throw new NotFoundError('portfolio', id);
    return toPortfolioResponse(p);
  }

  async list(q: ListPortfoliosRequest, ctx: RpcContext): Promise<PortfolioPage> {
    const page = await this.portfolios.list(ctx.tenantId, q);
    return { items: page.items.map(toPortfolioResponse), nextCursor: page.nextCursor };
  }

  update(req: UpdatePortfolioRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.uow.run(async (tx) => {
      const p = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (p.archivedAt) throw new ConflictError(`portfolio ${p.id} is archived and cannot be changed`);
      const c = req.changes;
      const changed =
        (c.name !== undefined && c.name !== p.name) ||
        (c.description !== undefined && c.description !== p.description);
      if (!changed) return toPortfolioResponse(p);
      if (c.name !== undefined) p.name = c.name;
      if (c.description !== undefined) p.description = c.description;
      this.bump(p);
      await this.portfolios.save(tx.manager, p);
      return this.emit(tx, ctx, p, PlanningEvents.portfolioUpdated);
    });
  }

  archive(req: ArchiveRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    return this.uow.run(async (tx) => {
      const p = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (p.archivedAt) return toPortfolioResponse(p); // archiving twice is a no-op
      p.archivedAt = this.clock.now();
      this.bump(p);
      await this.portfolios.save(tx.manager, p);
      return this.emit(tx, ctx, p, PlanningEvents.portfolioArchived);
    });
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<PortfolioEntity> {
    const p = await this.portfolios.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!p) throw new NotFoundError('portfolio', id);
    if (expectedVersion !== undefined && expectedVersion !== p.version) {
      throw new VersionMismatchError('portfolio', id, expectedVersion, p.version);
    }
    return p;
  }

  private bump(p: PortfolioEntity): void {
    p.version += 1;
    p.updatedAt = this.clock.now();
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    p: PortfolioEntity,
    contract: (typeof PlanningEvents)['portfolioCreated'],
  ): PortfolioResponse {
    const data = toPortfolioResponse(p);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: p.id,
      version: p.version,
      data,
    });
    return data;
  }
}
