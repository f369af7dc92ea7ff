import {
  PlanningEvents,
  type ArchiveRequest,
  type CreateProgrammeRequest,
  type EventContract,
  type ListProgrammesRequest,
  type ProgrammePage,
  type ProgrammeResponse,
  type UpdateProgrammeRequest,
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
import { requireOpenPortfolio } from '../portfolio/open-portfolio.js';
import { PortfolioRepository } from '../portfolio/portfolio.repository.js';
import { ProgrammeEntity } from './programme.entity.js';
import { ProgrammeRepository } from './programme.repository.js';

export function toProgrammeResponse(g: ProgrammeEntity): ProgrammeResponse {
  return {
    id: g.id,
    portfolioId: g.portfolioId,
    name: g.name,
    code: g.code,
    description: g.description,
    status: g.archivedAt ? 'archived' : 'active',
    version: g.version,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    archivedAt: g.archivedAt ? g.archivedAt.toISOString() : null,
  };
}

const EDITABLE = ['name', 'code', 'description', 'portfolioId'] as const;

/**
 * Programmes: a group of projects inside one portfolio. Moving a programme to another portfolio
 * is refused (409) while any project is in it, archived ones included: the projects' portfolio
 * would silently change under them. Archiving, as for portfolios, leaves its projects where they
 * are; an archived programme takes no new projects and no changes.
 */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly portfolios: PortfolioRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateProgrammeRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.uow.run(async (tx) => {
      await requireOpenPortfolio(this.portfolios, tx, ctx, req.portfolioId);
      const now = this.clock.now();
      const g = Object.assign(new ProgrammeEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        portfolioId: req.portfolioId,
        code: req.code ?? null,
        name: req.name,
        description: req.description ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      });
      await this.saveOrConflict(tx, g);
      return this.emit(tx, ctx, g, PlanningEvents.programmeCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<ProgrammeResponse> {
    const g = await this.programmes.find(ctx.tenantId, id);
    if (!g) throw new NotFoundError('programme', id);
    return toProgrammeResponse(g);
  }

  async list(q: ListProgrammesRequest, ctx: RpcContext): Promise<ProgrammePage> {
    const page = await this.programmes.list(ctx.tenantId, q);
    return { items: page.items.map(toProgrammeResponse), nextCursor: page.nextCursor };
  }

  update(req: UpdateProgrammeRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.uow.run(async (tx) => {
      const g = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (g.archivedAt) throw new ConflictError(`programme ${g.id} is archived and cannot be changed`);
      const c = req.changes;
      const changed = EDITABLE.filter((k) => c[k] !== undefined && c[k] !== g[k]);
      if (changed.length === 0) return toProgrammeResponse(g);
      if (changed.includes('portfolioId')) {
        const projects = await this.programmes.countProjects(tx.manager, ctx.tenantId, g.id);
        if (projects > 0) {
          throw new ConflictError(
            `programme ${g.id} has ${projects} project(s): move them out of it before moving it to another portfolio`,
            { projects, errors: [{ field: 'portfolioId', message: 'the programme has projects' }] },
          );
        }
        await requireOpenPortfolio(this.portfolios, tx, ctx, c.portfolioId!);
        g.portfolioId = c.portfolioId!;
      }
      if (changed.includes('name')) g.name = c.name!;
      if (changed.includes('code')) g.code = c.code ?? null;
      if (changed.includes('description')) g.description = c.description ?? null;
      g.version += 1;
      g.updatedAt = this.clock.now();
      await this.saveOrConflict(tx, g);
      return this.emit(tx, ctx, g, PlanningEvents.programmeUpdated);
    });
  }

  archive(req: ArchiveRequest, ctx: RpcContext): Promise<ProgrammeResponse> {
    return this.uow.run(async (tx) => {
      const g = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (g.archivedAt) return toProgrammeResponse(g); // archiving twice is a no-op
      g.archivedAt = this.clock.now();
      g.updatedAt = g.archivedAt;
      g.version += 1;
      await this.programmes.save(tx.manager, g);
      return this.emit(tx, ctx, g, PlanningEvents.programmeArchived);
    });
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<ProgrammeEntity> {
    const g = await this.programmes.findLocked(tx.manager, ctx.tenantId, id, 'update');
    if (!g) throw new NotFoundError('programme', id);
    if (expectedVersion !== undefined && expectedVersion !== g.version) {
      throw new VersionMismatchError('programme', id, expectedVersion, g.version);
    }
    return g;
  }

  private async saveOrConflict(tx: Tx, g: ProgrammeEntity): Promise<void> {
    if ((await this.programmes.save(tx.manager, g)) === 'duplicate') {
      throw new ConflictError(`a programme with code ${g.code} already exists`, {
        code: g.code,
        errors: [{ field: 'code', message: 'a programme with this code exists' }],
      });
    }
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    g: ProgrammeEntity,
    contract: EventContract<ProgrammeResponse>,
  ): ProgrammeResponse {
    const data = toProgrammeResponse(g);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: g.id,
      version: g.version,
      data,
    });
    return data;
  }
}
