import {
  ResourcesEvents,
  ResourcesRpc,
  type EventContract,
  type LevelingRunEvent,
  type LevelingRunKey,
  type LevelingRunResponse,
  type StartLevelingRunRequest,
} from '@baton/contracts';
import {
  Clock,
  NotFoundError,
  type RpcContext,
  RpcHandler,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { LevelingError } from '@baton/scheduling';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AssignmentEntity } from '../assignment/assignment.entity.js';
import { conflictOn } from '../shared/conflict.js';
import { LevelingRunEntity } from './leveling-run.entity.js';
import { LevelingInputError, planLeveling, type TaskDemand } from './plan.js';
import { PlanningReader } from './planning-reader.js';

/**
 * Leveling runs: propose (read planning's network and this service's approved assignments, level,
 * store the proposal), then apply (planning holds each moved task back with a start-no-earlier-than
 * constraint and reschedules; the task's assignments move with it) or discard.
 */
@Injectable()
export class LevelingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planning: PlanningReader,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(ResourcesRpc.levelingRunStart)
  async start(req: StartLevelingRunRequest, ctx: RpcContext): Promise<LevelingRunResponse> {
    const network = await this.planning.network(ctx, req.projectId);
    const demands = await this.dataSource.query<TaskDemand[]>(
      // a team assignment asks the same units of every member
      `SELECT a.task_id AS "taskId", coalesce(a.person_id, m.person_id) AS "personId", a.units
         FROM resources.assignment a
         LEFT JOIN resources.team_member m ON a.team_id IS NOT NULL AND m.tenant_id = a.tenant_id AND m.team_id = a.team_id
        WHERE a.tenant_id = $1 AND a.project_id = $2 AND a.status = 'approved' AND a.task_id IS NOT NULL
          AND coalesce(a.person_id, m.person_id) IS NOT NULL`,
      [ctx.tenantId, req.projectId],
    );
    const budgetMs = req.budgetMs ?? 1000;
    let plan;
    try {
      plan = planLeveling(network, demands, budgetMs);
    } catch (err) {
      if (err instanceof LevelingInputError)
        throw new ValidationFailedError([{ field: err.field, message: err.message }]);
      if (err instanceof LevelingError)
        throw new ValidationFailedError([{ field: err.field, message: err.message }]);
      throw err;
    }
    return this.uow.run(async (tx) => {
      const run = Object.assign(new LevelingRunEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        projectId: req.projectId,
        status: 'proposed' as const,
        budgetMs,
        ...plan,
        createdBy: ctx.actor.id,
        createdAt: this.clock.now(),
        decidedBy: null,
        decidedAt: null,
        version: 1,
      });
      await tx.manager.insert(LevelingRunEntity, run);
      return this.emit(tx, ctx, run, ResourcesEvents.levelingRunProposed);
    });
  }

  @RpcHandler(ResourcesRpc.levelingRunGet)
  async get(req: LevelingRunKey, ctx: RpcContext): Promise<LevelingRunResponse> {
    const run = await this.dataSource.manager.findOneBy(LevelingRunEntity, {
      tenantId: ctx.tenantId,
      id: req.id,
    });
    if (!run) throw new NotFoundError('leveling run', req.id);
    return toResponse(run);
  }

  /**
   * Planning first (one request per moved task, each idempotent: the same constraint again is no
   * change), then this service's own transaction: the assignments on moved tasks follow them and
   * the run becomes `applied`. If planning fails part-way the run stays `proposed` and applying
   * again finishes the job.
   */
  @RpcHandler(ResourcesRpc.levelingRunApply)
  async apply(req: LevelingRunKey, ctx: RpcContext): Promise<LevelingRunResponse> {
    const current = await this.get(req, ctx);
    checkOpen(current.status, current.version, req.expectedVersion, current.id);
    for (const change of current.changes)
      await this.planning.holdBack(ctx, change.taskId, change.proposedStart);
    return this.uow.run(async (tx) => {
      const run = await this.lock(tx, ctx, req.id);
      checkOpen(run.status, run.version, req.expectedVersion, run.id);
      for (const c of run.changes) {
        await tx.manager.update(
          AssignmentEntity,
          { tenantId: ctx.tenantId, projectId: run.projectId, taskId: c.taskId },
          { startDate: c.proposedStart, endDate: c.proposedFinish, updatedAt: this.clock.now() },
        );
      }
      return this.decide(tx, ctx, run, 'applied', ResourcesEvents.levelingRunApplied);
    });
  }

  @RpcHandler(ResourcesRpc.levelingRunDiscard)
  discard(req: LevelingRunKey, ctx: RpcContext): Promise<LevelingRunResponse> {
    return this.uow.run(async (tx) => {
      const run = await this.lock(tx, ctx, req.id);
      checkOpen(run.status, run.version, req.expectedVersion, run.id);
      return this.decide(tx, ctx, run, 'discarded', ResourcesEvents.levelingRunDiscarded);
    });
  }

  private async lock(tx: Tx, ctx: RpcContext, id: string): Promise<LevelingRunEntity> {
    const run = await tx.manager
      .createQueryBuilder(LevelingRunEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.tenant_id = :tenantId AND r.id = :id', { tenantId: ctx.tenantId, id })
      .getOne();
    if (!run) throw new NotFoundError('leveling run', id);
    return run;
  }

  private async decide(
    tx: Tx,
    ctx: RpcContext,
    run: LevelingRunEntity,
    status: 'applied' | 'discarded',
    contract: EventContract<LevelingRunEvent>,
  ): Promise<LevelingRunResponse> {
    run.status = status;
    run.decidedBy = ctx.actor.id;
    run.decidedAt = this.clock.now();
    run.version += 1;
    await tx.manager.save(run);
    return this.emit(tx, ctx, run, contract);
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    run: LevelingRunEntity,
    contract: EventContract<LevelingRunEvent>,
  ): LevelingRunResponse {
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: run.id,
      version: run.version,
      data: { id: run.id, projectId: run.projectId, changes: run.changes.length },
    });
    return toResponse(run);
  }
}

function checkOpen(status: string, version: number, expected: number | undefined, id: string): void {
  if (expected !== undefined && expected !== version)
    throw new VersionMismatchError('leveling run', id, expected, version);
  if (status !== 'proposed') throw conflictOn('status', `the leveling run is ${status} already`, { status });
}

function toResponse(r: LevelingRunEntity): LevelingRunResponse {
  return {
    id: r.id,
    projectId: r.projectId,
    status: r.status,
    budgetMs: r.budgetMs,
    makespanBefore: r.makespanBefore,
    makespanAfter: r.makespanAfter,
    lowerBound: r.lowerBound,
    schedulesEvaluated: r.schedulesEvaluated,
    resources: r.resources,
    changes: r.changes,
    skipped: r.skipped,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    version: r.version,
  };
}
