import {
  PlanningEvents,
  type BaselinePage,
  type BaselineResponse,
  type CreateBaselineRequest,
  type ListBaselinesRequest,
} from '@baton/contracts';
import { Clock, ConflictError, NotFoundError, type RpcContext, type Tx, UnitOfWork } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ScheduleRepository } from '../schedule/schedule.repository.js';
import { ScheduleService } from '../schedule/schedule.service.js';
import { BaselineEntity } from './baseline.entity.js';
import { BaselineRepository } from './baseline.repository.js';

export function toBaselineResponse(b: BaselineEntity): BaselineResponse {
  return {
    id: b.id,
    projectId: b.projectId,
    name: b.name,
    taskCount: b.taskCount,
    startDate: b.startDate,
    finishDate: b.finishDate,
    createdBy: b.createdBy,
    createdAt: b.createdAt.toISOString(),
  };
}

/** Named snapshots of a project's task dates and durations. */
@Injectable()
export class BaselineService {
  constructor(
    private readonly baselines: BaselineRepository,
    private readonly schedules: ScheduleRepository,
    private readonly schedule: ScheduleService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateBaselineRequest, ctx: RpcContext): Promise<BaselineResponse> {
    return this.uow.run((tx) => this.saveInTx(tx, ctx, req.projectId, req.name));
  }

  /**
   * Saves a baseline of the project's current schedule inside the caller's transaction and emits
   * planning.baseline.saved with it (the change-request flow calls this to rebaseline on approval).
   * 404 when the project is not in the tenant, 409 when the name is taken in the project.
   */
  async saveInTx(tx: Tx, ctx: RpcContext, projectId: string, name: string): Promise<BaselineResponse> {
    const p = await this.schedule.lockProject(tx, ctx, projectId);
    const timeline = await this.schedule.timeline(tx.manager, p);
    const rows = (await tx.manager.query(
      `SELECT id, early_start, early_finish, duration FROM planning.task WHERE project_id = $1`,
      [projectId],
    )) as { id: string; early_start: number | null; early_finish: number | null; duration: number }[];
    const tasks = rows.map((r) => {
      const span =
        r.early_start !== null && r.early_finish !== null
          ? timeline.span(r.early_start, r.early_finish)
          : null;
      return { id: r.id, start: span?.start ?? null, finish: span?.finish ?? null, duration: r.duration };
    });
    const starts = tasks
      .map((t) => t.start)
      .filter((d): d is string => d !== null)
      .sort();
    const finishes = tasks
      .map((t) => t.finish)
      .filter((d): d is string => d !== null)
      .sort();
    const b = Object.assign(new BaselineEntity(), {
      id: randomUUID(),
      tenantId: ctx.tenantId,
      projectId,
      name,
      taskCount: tasks.length,
      startDate: starts[0] ?? null,
      finishDate: finishes[finishes.length - 1] ?? null,
      createdBy: ctx.actor.id,
      createdAt: this.clock.now(),
    });
    if ((await this.baselines.insert(tx.manager, b, tasks)) === 'duplicate-name') {
      throw new ConflictError(`project ${projectId} already has a baseline named "${name}"`, {
        errors: [{ field: 'name', message: `a baseline named "${name}" exists` }],
      });
    }
    const data = toBaselineResponse(b);
    tx.emit(PlanningEvents.baselineSaved, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: b.id,
      version: 1,
      data,
    });
    return data;
  }

  async get(id: string, ctx: RpcContext): Promise<BaselineResponse> {
    const b = await this.baselines.find(ctx.tenantId, id);
    if (!b) throw new NotFoundError('baseline', id);
    return toBaselineResponse(b);
  }

  async list(q: ListBaselinesRequest, ctx: RpcContext): Promise<BaselinePage> {
    const p = await this.schedules.read(ctx.tenantId, q.projectId);
    if (!p) throw new NotFoundError('project', q.projectId);
    const page = await this.baselines.list(q.projectId, q.limit, q.cursor);
    return { items: page.items.map(toBaselineResponse), nextCursor: page.nextCursor };
  }
}
