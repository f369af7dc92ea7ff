import {
  PlanningEvents,
  type ArchiveRequest,
  type CreateProjectRequest,
  type EventContract,
  type ListProjectsRequest,
  type ProjectPage,
  type ProjectResponse,
  type UpdateProjectRequest,
} from '@baton/contracts';
import {
  Clock,
  ConflictError,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ScheduleService } from '../schedule/schedule.service.js';
import { ProjectEntity } from './project.entity.js';
import { ProjectMembership } from './project-membership.js';
import { ProjectRepository } from './project.repository.js';

export function toProjectResponse(p: ProjectEntity): ProjectResponse {
  return {
    id: p.id,
    name: p.name,
    code: p.code,
    description: p.description,
    portfolioId: p.portfolioId,
    programmeId: p.programmeId,
    status: p.status,
    startDate: p.startDate,
    targetDate: p.targetDate,
    archived: p.archivedAt !== null,
    archivedAt: p.archivedAt ? p.archivedAt.toISOString() : null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const EDITABLE = [
  'name',
  'code',
  'description',
  'portfolioId',
  'programmeId',
  'status',
  'startDate',
  'targetDate',
] as const;

@Injectable()
export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly membership: ProjectMembership,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly schedule: ScheduleService,
  ) {}

  create(req: CreateProjectRequest, ctx: RpcContext): Promise<ProjectResponse> {
    checkDates(req.startDate ?? null, req.targetDate ?? null);
    return this.uow.run(async (tx) => {
      const { portfolioId, programmeId } = await this.membership.resolve(
        tx,
        ctx,
        { portfolioId: null, programmeId: null },
        req,
      );
      const now = this.clock.now();
      const p = Object.assign(new ProjectEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        portfolioId,
        programmeId,
        code: req.code ?? null,
        name: req.name,
        description: req.description ?? null,
        status: req.status ?? 'proposed',
        startDate: req.startDate ?? null,
        targetDate: req.targetDate ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      });
      await this.saveOrConflict(tx, p);
      return this.emit(tx, ctx, p, PlanningEvents.projectCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<ProjectResponse> {
    const view = await this.projects.findView(ctx.tenantId, id);
    if (!view) throw new NotFoundError('project', id);
    return view;
  }

  async list(q: ListProjectsRequest, ctx: RpcContext): Promise<ProjectPage> {
    const page = await this.projects.list(ctx.tenantId, q);
    return { items: page.items.map(toProjectResponse), nextCursor: page.nextCursor };
  }

  update(req: UpdateProjectRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.uow.run(async (tx) => {
      const p = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (p.archivedAt) throw new ConflictError(`project ${p.id} is archived and cannot be changed`);
      const c = req.changes;
      const changed = EDITABLE.filter((k) => c[k] !== undefined && c[k] !== p[k]);
      if (changed.length === 0) return toProjectResponse(p);
      if (changed.includes('name')) p.name = c.name!;
      if (changed.includes('status')) p.status = c.status!;
      if (changed.includes('code')) p.code = c.code ?? null;
      if (changed.includes('description')) p.description = c.description ?? null;
      if (changed.includes('startDate')) p.startDate = c.startDate ?? null;
      if (changed.includes('targetDate')) p.targetDate = c.targetDate ?? null;
      if (changed.includes('portfolioId') || changed.includes('programmeId')) {
        Object.assign(p, await this.membership.resolve(tx, ctx, p, c));
      }
      checkDates(p.startDate, p.targetDate);
      p.version += 1;
      p.updatedAt = this.clock.now();
      await this.saveOrConflict(tx, p);
      // the start date anchors every working-day offset: a new one moves the whole schedule
      if (changed.includes('startDate')) await this.schedule.reschedule(tx, ctx, p.id, 'project.update');
      return this.emit(tx, ctx, p, PlanningEvents.projectUpdated);
    });
  }

  archive(req: ArchiveRequest, ctx: RpcContext): Promise<ProjectResponse> {
    return this.uow.run(async (tx) => {
      const p = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (p.archivedAt) return toProjectResponse(p); // archiving twice is a no-op
      p.archivedAt = this.clock.now();
      p.updatedAt = p.archivedAt;
      p.version += 1;
      await this.projects.save(tx.manager, p);
      return this.emit(tx, ctx, p, PlanningEvents.projectArchived);
    });
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<ProjectEntity> {
    const p = await this.projects.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!p) throw new NotFoundError('project', id);
    if (expectedVersion !== undefined && expectedVersion !== p.version) {
      throw new VersionMismatchError('project', id, expectedVersion, p.version);
    }
    return p;
  }

  private async saveOrConflict(tx: Tx, p: ProjectEntity): Promise<void> {
    if ((await this.projects.save(tx.manager, p)) === 'duplicate') {
      throw new ConflictError(`a project with code ${p.code} already exists`, {
        code: p.code,
        errors: [{ field: 'code', message: 'a project with this code exists' }],
      });
    }
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    p: ProjectEntity,
    contract: EventContract<ProjectResponse>,
  ): ProjectResponse {
    const data = toProjectResponse(p);
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

/** target date on or after start date (also a CHECK constraint in the table) */
function checkDates(start: string | null, target: string | null): void {
  if (start && target && target < start) {
    throw new ValidationFailedError([
      { field: 'targetDate', message: 'targetDate must be on or after startDate' },
    ]);
  }
}
