import {
  PlanningChangeRequestEvents,
  type ApproveChangeRequestRequest,
  type ChangeRequestAction,
  type ChangeRequestHistoryEntry,
  type ChangeRequestHistoryPage,
  type ChangeRequestHistoryRequest,
  type ChangeRequestPage,
  type ChangeRequestResponse,
  type CreateChangeRequestRequest,
  type EventContract,
  type ListChangeRequestsRequest,
  type RejectChangeRequestRequest,
  type SubmitChangeRequestRequest,
  type UpdateChangeRequestRequest,
} from '@baton/contracts';
import {
  Clock,
  DomainError,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProjectRefs } from '../backlog/project-ref.js';
import { BaselineService } from '../baseline/baseline.service.js';
import { ChangeRequestEventEntity } from './change-request-event.entity.js';
import { ChangeRequestEntity } from './change-request.entity.js';
import { ChangeRequestRepository } from './change-request.repository.js';
import { transition } from './change-request.state.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toChangeRequestResponse(c: ChangeRequestEntity): ChangeRequestResponse {
  return {
    id: c.id,
    projectId: c.projectId,
    kind: c.kind,
    title: c.title,
    description: c.description,
    scheduleImpactDays: c.scheduleImpactDays,
    costImpact:
      c.costImpactAmount === null ? null : { amount: c.costImpactAmount, currency: c.costImpactCurrency! },
    state: c.state,
    createdBy: c.createdBy,
    submittedBy: c.submittedBy,
    submittedAt: iso(c.submittedAt),
    decidedBy: c.decidedBy,
    decidedAt: iso(c.decidedAt),
    decisionComment: c.decisionComment,
    rebaseline: c.rebaseline,
    baselineId: c.baselineId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toHistoryEntry(e: ChangeRequestEventEntity): ChangeRequestHistoryEntry {
  return {
    id: e.id,
    changeRequestId: e.changeRequestId,
    version: e.version,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    actorId: e.actorId,
    actorRoles: e.actorRoles,
    at: e.at.toISOString(),
    comment: e.comment,
    baselineId: e.baselineId,
  };
}

@Injectable()
export class ChangeRequestService {
  constructor(
    private readonly changeRequests: ChangeRequestRepository,
    private readonly projects: ProjectRefs,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly baselines: BaselineService,
  ) {}

  create(req: CreateChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.uow.run(async (tx) => {
      await this.projects.requireOpen(tx.manager, ctx.tenantId, req.projectId);
      const now = this.clock.now();
      const cr = Object.assign(new ChangeRequestEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        projectId: req.projectId,
        kind: req.kind,
        title: req.title,
        description: req.description ?? null,
        scheduleImpactDays: req.scheduleImpactDays ?? null,
        costImpactAmount: req.costImpact?.amount ?? null,
        costImpactCurrency: req.costImpact?.currency ?? null,
        state: 'draft',
        createdBy: ctx.actor.id,
        submittedBy: null,
        submittedAt: null,
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        rebaseline: false,
        baselineId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      } satisfies Omit<ChangeRequestEntity, 'project'>);
      await this.changeRequests.save(tx.manager, cr);
      await this.audit(tx, ctx, cr, 'created', null, now);
      return this.emit(tx, ctx, cr, PlanningChangeRequestEvents.changeRequestCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<ChangeRequestResponse> {
    const cr = await this.changeRequests.find(ctx.tenantId, id);
    if (!cr) throw new NotFoundError('change request', id);
    return toChangeRequestResponse(cr);
  }

  async list(q: ListChangeRequestsRequest, ctx: RpcContext): Promise<ChangeRequestPage> {
    await this.projects.require(ctx.tenantId, q.projectId);
    const page = await this.changeRequests.list(ctx.tenantId, q);
    return { items: page.items.map(toChangeRequestResponse), nextCursor: page.nextCursor };
  }

  async history(q: ChangeRequestHistoryRequest, ctx: RpcContext): Promise<ChangeRequestHistoryPage> {
    if (!(await this.changeRequests.find(ctx.tenantId, q.id)))
      throw new NotFoundError('change request', q.id);
    const page = await this.changeRequests.history(ctx.tenantId, q);
    return { items: page.items.map(toHistoryEntry), nextCursor: page.nextCursor };
  }

  /** drafts only */
  update(req: UpdateChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.uow.run(async (tx) => {
      const cr = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const from = cr.state;
      transition(cr.id, cr.state, 'updated');
      const c = req.changes;
      const before = JSON.stringify(toChangeRequestResponse(cr));
      if (c.kind !== undefined) cr.kind = c.kind;
      if (c.title !== undefined) cr.title = c.title;
      if (c.description !== undefined) cr.description = c.description ?? null;
      if (c.scheduleImpactDays !== undefined) cr.scheduleImpactDays = c.scheduleImpactDays ?? null;
      if (c.costImpact !== undefined) {
        cr.costImpactAmount = c.costImpact?.amount ?? null;
        cr.costImpactCurrency = c.costImpact?.currency ?? null;
      }
      if (JSON.stringify(toChangeRequestResponse(cr)) === before) return toChangeRequestResponse(cr);
      const now = this.touch(cr);
      await this.changeRequests.save(tx.manager, cr);
      await this.audit(tx, ctx, cr, 'updated', from, now);
      return this.emit(tx, ctx, cr, PlanningChangeRequestEvents.changeRequestUpdated);
    });
  }

  /** draft → submitted; the impact its kind is about must be stated first */
  submit(req: SubmitChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.uow.run(async (tx) => {
      const cr = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const from = cr.state;
      cr.state = transition(cr.id, cr.state, 'submitted');
      if (cr.kind === 'schedule' && cr.scheduleImpactDays === null) {
        throw new ValidationFailedError([
          {
            field: 'scheduleImpactDays',
            message: 'a schedule change request states scheduleImpactDays before it is submitted',
          },
        ]);
      }
      if (cr.kind === 'cost' && cr.costImpactAmount === null) {
        throw new ValidationFailedError([
          { field: 'costImpact', message: 'a cost change request states costImpact before it is submitted' },
        ]);
      }
      const now = this.touch(cr);
      cr.submittedBy = ctx.actor.id;
      cr.submittedAt = now;
      await this.changeRequests.save(tx.manager, cr);
      await this.audit(tx, ctx, cr, 'submitted', from, now);
      return this.emit(tx, ctx, cr, PlanningChangeRequestEvents.changeRequestSubmitted);
    });
  }

  /** submitted → approved; with `rebaseline` a new baseline of the project is saved in the same transaction */
  approve(req: ApproveChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.uow.run(async (tx) => {
      const cr = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const from = cr.state;
      cr.state = transition(cr.id, cr.state, 'approved');
      const now = this.decide(cr, ctx, req.comment ?? null);
      cr.rebaseline = req.rebaseline === true;
      if (cr.rebaseline) cr.baselineId = await this.rebaseline(tx, ctx, cr, req.baselineName);
      await this.changeRequests.save(tx.manager, cr);
      await this.audit(tx, ctx, cr, 'approved', from, now);
      return this.emit(tx, ctx, cr, PlanningChangeRequestEvents.changeRequestApproved);
    });
  }

  /** submitted → rejected, always with a reason */
  reject(req: RejectChangeRequestRequest, ctx: RpcContext): Promise<ChangeRequestResponse> {
    return this.uow.run(async (tx) => {
      const cr = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const from = cr.state;
      cr.state = transition(cr.id, cr.state, 'rejected');
      const now = this.decide(cr, ctx, req.comment);
      await this.changeRequests.save(tx.manager, cr);
      await this.audit(tx, ctx, cr, 'rejected', from, now);
      return this.emit(tx, ctx, cr, PlanningChangeRequestEvents.changeRequestRejected);
    });
  }

  /**
   * Saves the project's new baseline in the approval's transaction (BaselineService.saveInTx):
   * both commit or neither does. The default name carries the change request's short id, so two
   * approvals of requests with the same title do not collide; a taken name is a 409 naming baselineName.
   */
  private async rebaseline(
    tx: Tx,
    ctx: RpcContext,
    cr: ChangeRequestEntity,
    name: string | undefined,
  ): Promise<string> {
    const baselineName = name ?? `CR ${cr.id.slice(0, 8)}: ${cr.title}`.slice(0, 200);
    try {
      return (await this.baselines.saveInTx(tx, ctx, cr.projectId, baselineName)).id;
    } catch (err) {
      const fieldErrors = err instanceof DomainError ? err.details?.errors : undefined;
      if (err instanceof DomainError && fieldErrors?.some((e) => e.field === 'name')) {
        throw new DomainError(err.code, err.message, {
          ...err.details,
          errors: fieldErrors.map((e) => (e.field === 'name' ? { ...e, field: 'baselineName' } : e)),
        });
      }
      throw err;
    }
  }

  private decide(cr: ChangeRequestEntity, ctx: RpcContext, comment: string | null): Date {
    const now = this.touch(cr);
    cr.decidedBy = ctx.actor.id;
    cr.decidedAt = now;
    cr.decisionComment = comment;
    return now;
  }

  private touch(cr: ChangeRequestEntity): Date {
    cr.version += 1;
    cr.updatedAt = this.clock.now();
    return cr.updatedAt;
  }

  private async audit(
    tx: Tx,
    ctx: RpcContext,
    cr: ChangeRequestEntity,
    action: ChangeRequestAction,
    from: ChangeRequestEntity['state'] | null,
    at: Date,
  ): Promise<void> {
    await this.changeRequests.record(
      tx.manager,
      Object.assign(new ChangeRequestEventEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        changeRequestId: cr.id,
        version: cr.version,
        action,
        fromState: from,
        toState: cr.state,
        actorId: ctx.actor.id,
        actorRoles: [...ctx.actor.roles],
        at,
        comment: action === 'approved' || action === 'rejected' ? cr.decisionComment : null,
        baselineId: action === 'approved' ? cr.baselineId : null,
      }),
    );
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<ChangeRequestEntity> {
    const cr = await this.changeRequests.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!cr) throw new NotFoundError('change request', id);
    if (expectedVersion !== undefined && expectedVersion !== cr.version) {
      throw new VersionMismatchError('change request', id, expectedVersion, cr.version);
    }
    await this.projects.assertOpen(tx.manager, ctx.tenantId, cr.projectId);
    return cr;
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    cr: ChangeRequestEntity,
    contract: EventContract<ChangeRequestResponse>,
  ): ChangeRequestResponse {
    const data = toChangeRequestResponse(cr);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: cr.id,
      version: cr.version,
      data,
    });
    return data;
  }
}
