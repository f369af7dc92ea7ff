import {
  PlanningEvents,
  type CreateTaskRequest,
  type DeleteTaskRequest,
  type GetTaskRequest,
  type ListTasksRequest,
  type MoveTaskRequest,
  type TaskChangeResponse,
  type TaskDeletedResponse,
  type TaskPage,
  type TaskResponse,
  type UpdateTaskRequest,
} from '@baton/contracts';
import {
  Clock,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  UnprocessableError,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BaselineRepository } from '../baseline/baseline.repository.js';
import { toDependencyResponse } from '../dependency/dependency.service.js';
import type { Timeline } from '../calendar/timeline.js';
import { ScheduleRepository, type ProjectScheduleRow } from '../schedule/schedule.repository.js';
import { ScheduleService } from '../schedule/schedule.service.js';
import { TaskEntity } from './task.entity.js';
import { TaskRepository } from './task.repository.js';
import { toTaskResponse } from './task-view.js';

const LEAF_ONLY = [
  'duration',
  'effort',
  'constraintType',
  'constraintDate',
  'deadline',
  'percentComplete',
  'actualStart',
  'actualFinish',
  'remainingDuration',
] as const;

/** The WBS: tasks, milestones and summaries; every change reschedules the project in the same transaction. */
@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly schedules: ScheduleRepository,
    private readonly schedule: ScheduleService,
    private readonly baselines: BaselineRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    checkConstraint(req.constraintType ?? null, req.constraintDate ?? null);
    return this.uow.run(async (tx) => {
      const project = await this.schedule.lockProject(tx, ctx, req.projectId);
      const parentId = req.parentId ?? null;
      if (parentId) await this.requireParent(tx, ctx, req.projectId, parentId, 'parentId');
      const count = await this.tasks.siblingCount(tx.manager, req.projectId, parentId);
      const position = Math.min(req.position ?? count, count);
      await this.tasks.shiftSiblings(tx.manager, req.projectId, parentId, position);
      const now = this.clock.now();
      const duration = req.duration ?? 1;
      const t = Object.assign(new TaskEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        projectId: req.projectId,
        parentId,
        position,
        wbsPath: [0],
        name: req.name,
        kind: duration === 0 ? 'milestone' : 'task',
        duration,
        effort: req.effort === undefined ? null : String(req.effort),
        constraintType: req.constraintType ?? null,
        constraintDate: req.constraintDate ?? null,
        deadline: req.deadline ?? null,
        percentComplete: 0,
        actualStart: null,
        actualFinish: null,
        remainingDuration: null,
        critical: false,
        late: false,
        milestoneState: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      } satisfies Partial<TaskEntity>);
      await this.tasks.insert(tx.manager, t);
      if (parentId) await this.tasks.refreshKind(tx.manager, parentId);
      await this.tasks.renumber(tx.manager, req.projectId);
      return this.finish(tx, ctx, project, t.id, 'task.create', PlanningEvents.taskCreated);
    });
  }

  async get(req: GetTaskRequest, ctx: RpcContext): Promise<TaskResponse> {
    const projectId = await this.tasks.projectOf(ctx.tenantId, req.id);
    if (!projectId) throw new NotFoundError('task', req.id);
    const baseline = req.baseline ? await this.baseline(projectId, req.baseline) : undefined;
    const row = await this.tasks.view(ctx.tenantId, req.id, undefined, baseline?.id);
    if (!row) throw new NotFoundError('task', req.id);
    return toTaskResponse(row, await this.timelineOf(ctx, projectId), baseline?.name);
  }

  async list(q: ListTasksRequest, ctx: RpcContext): Promise<TaskPage> {
    const p = await this.schedules.read(ctx.tenantId, q.projectId);
    if (!p) throw new NotFoundError('project', q.projectId);
    const baseline = q.baseline ? await this.baseline(q.projectId, q.baseline) : undefined;
    const t = await this.schedule.timeline(this.schedules.manager, p);
    const page = await this.tasks.list({ ...q, order: 'wbs', baselineId: baseline?.id });
    return {
      items: page.items.map((r) => toTaskResponse(r, t, baseline?.name)),
      nextCursor: page.nextCursor,
    };
  }

  update(req: UpdateTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    return this.uow.run(async (tx) => {
      const { project, task: t } = await this.lock(tx, ctx, req.id, req.expectedVersion);
      const c = req.changes;
      const changed = (Object.keys(c) as (keyof typeof c)[]).filter(
        (k) => c[k] !== undefined && c[k] !== current(t, k),
      );
      if (changed.length === 0) return this.respond(tx, ctx, project, t.id);
      if (t.kind === 'summary') {
        const bad = changed.filter((k) => (LEAF_ONLY as readonly string[]).includes(k));
        if (bad.length) {
          throw new UnprocessableError(
            bad.map((field) => ({ field, message: `a summary task's ${field} comes from its children` })),
          );
        }
      }
      if (c.name !== undefined) t.name = c.name;
      if (c.duration !== undefined) t.duration = c.duration;
      if (c.effort !== undefined) t.effort = c.effort === null ? null : String(c.effort);
      if (c.constraintType !== undefined) t.constraintType = c.constraintType;
      if (c.constraintDate !== undefined) t.constraintDate = c.constraintDate;
      if (c.deadline !== undefined) t.deadline = c.deadline;
      if (c.remainingDuration !== undefined) t.remainingDuration = c.remainingDuration;
      if (c.actualStart !== undefined) t.actualStart = c.actualStart;
      if (c.actualFinish !== undefined) t.actualFinish = c.actualFinish;
      if (c.percentComplete !== undefined) {
        t.percentComplete = c.percentComplete;
        // A new percentage is the progress report: the work left follows from it unless given too.
        if (c.remainingDuration === undefined) t.remainingDuration = null;
      }
      checkConstraint(t.constraintType, t.constraintDate);
      if (t.kind !== 'summary') {
        t.kind = t.duration === 0 ? 'milestone' : 'task';
        await this.applyProgressRules(tx, ctx, project, t, changed);
      }
      t.version += 1;
      t.updatedAt = this.clock.now();
      await this.tasks.saveFields(tx.manager, t);
      return this.finish(tx, ctx, project, t.id, 'task.update', PlanningEvents.taskUpdated, [t.id]);
    });
  }

  move(req: MoveTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    return this.uow.run(async (tx) => {
      const { project, task: t } = await this.lock(tx, ctx, req.id, req.expectedVersion);
      const oldParent = t.parentId;
      const parentId = req.parentId ?? null;
      if (parentId) {
        // first: under one of its own subtasks is the reason, whatever else that subtask has (dependencies)
        if (await this.tasks.isWithin(tx.manager, parentId, t.id)) {
          throw new UnprocessableError([
            { field: 'parentId', message: 'a task cannot move under itself or its own subtasks' },
          ]);
        }
        await this.requireParent(tx, ctx, t.projectId, parentId, 'parentId');
      }
      const count = await this.tasks.siblingCount(tx.manager, t.projectId, parentId);
      const position = Math.min(req.position ?? count, count);
      await this.tasks.shiftSiblings(tx.manager, t.projectId, parentId, position);
      t.parentId = parentId;
      t.position = position;
      t.version += 1;
      t.updatedAt = this.clock.now();
      await this.tasks.saveFields(tx.manager, t);
      if (parentId) await this.tasks.refreshKind(tx.manager, parentId);
      if (oldParent && oldParent !== parentId) await this.tasks.refreshKind(tx.manager, oldParent);
      await this.tasks.renumber(tx.manager, t.projectId);
      return this.finish(tx, ctx, project, t.id, 'task.move', PlanningEvents.taskUpdated);
    });
  }

  delete(req: DeleteTaskRequest, ctx: RpcContext): Promise<TaskDeletedResponse> {
    return this.uow.run(async (tx) => {
      const { task: t } = await this.lock(tx, ctx, req.id, req.expectedVersion);
      const subtree = await this.tasks.subtree(tx.manager, t.id);
      // the dependencies that go with the tasks (ON DELETE CASCADE), for their events and for the
      // projects downstream of them, which are rescheduled too
      const deps = await this.tasks.dependenciesOf(
        tx.manager,
        subtree.map((s) => s.id),
      );
      await this.tasks.delete(tx.manager, t.id);
      if (t.parentId) await this.tasks.refreshKind(tx.manager, t.parentId);
      await this.tasks.renumber(tx.manager, t.projectId);
      const schedule = await this.schedule.reschedule(tx, ctx, t.projectId, 'task.delete');
      const downstream = new Set(deps.map((d) => d.successorProjectId).filter((id) => id !== t.projectId));
      for (const projectId of downstream)
        await this.schedule.reschedule(tx, ctx, projectId, 'task.delete', []);
      for (const d of deps) {
        d.version += 1;
        tx.emit(PlanningEvents.dependencyDeleted, {
          tenantId: ctx.tenantId,
          actor: ctx.actor,
          aggregateId: d.id,
          version: d.version,
          data: toDependencyResponse(d),
        });
      }
      for (const s of subtree) {
        tx.emit(PlanningEvents.taskDeleted, {
          tenantId: ctx.tenantId,
          actor: ctx.actor,
          aggregateId: s.id,
          version: s.id === t.id ? t.version + 1 : 1,
          data: { id: s.id, projectId: t.projectId, wbsCode: s.wbs, name: s.name },
        });
      }
      return {
        id: t.id,
        deletedCount: subtree.length,
        schedule: {
          ...schedule,
          linkedProjectIds: [...new Set([...schedule.linkedProjectIds, ...downstream])],
        },
      };
    });
  }

  /**
   * Progress keeps itself consistent: an actual finish means 100 %; 100 % without an actual
   * finish takes today's computed dates as the actuals; work under way gets an actual start; a
   * new percentage clears the remaining duration (the schedule then derives the work left from it,
   * see `workLeft`) unless one is given with it; finished work has none left.
   */
  private async applyProgressRules(
    tx: Tx,
    ctx: RpcContext,
    project: ProjectScheduleRow,
    t: TaskEntity,
    changed: string[],
  ) {
    if (changed.includes('actualFinish') && t.actualFinish) t.percentComplete = 100;
    if (t.percentComplete === 0 && !t.actualStart && !t.actualFinish) return;
    const needStart = !t.actualStart && (t.percentComplete > 0 || t.actualFinish);
    const needFinish = t.percentComplete === 100 && !t.actualFinish;
    if (needStart || needFinish) {
      const view = await this.tasks.view(ctx.tenantId, t.id, tx.manager);
      if (view?.early_start !== null && view?.early_finish !== null && view) {
        const span = (await this.schedule.timeline(tx.manager, project)).span(
          view.early_start,
          view.early_finish,
        );
        if (needStart) t.actualStart = span.start;
        if (needFinish) t.actualFinish = span.finish;
      }
    }
    // Finished work has nothing left.
    if (t.actualFinish) t.remainingDuration = 0;
    if (t.actualStart && t.actualFinish && t.actualFinish < t.actualStart) {
      throw new UnprocessableError([
        { field: 'actualFinish', message: 'actualFinish must not be before actualStart' },
      ]);
    }
  }

  private async lock(tx: Tx, ctx: RpcContext, id: string, expectedVersion?: number) {
    const projectId = await this.tasks.projectOf(ctx.tenantId, id, tx.manager);
    if (!projectId) throw new NotFoundError('task', id);
    const project = await this.schedule.lockProject(tx, ctx, projectId);
    const task = await this.tasks.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!task) throw new NotFoundError('task', id);
    if (expectedVersion !== undefined && expectedVersion !== task.version) {
      throw new VersionMismatchError('task', id, expectedVersion, task.version);
    }
    return { project, task };
  }

  private async requireParent(
    tx: Tx,
    ctx: RpcContext,
    projectId: string,
    parentId: string,
    field: string,
  ): Promise<void> {
    const parentProject = await this.tasks.projectOf(ctx.tenantId, parentId, tx.manager);
    if (parentProject !== projectId) {
      throw new UnprocessableError([
        { field, message: `task ${parentId} is not a task of project ${projectId}` },
      ]);
    }
    if (await this.tasks.hasDependencies(tx.manager, parentId)) {
      throw new UnprocessableError([
        {
          field,
          message: `task ${parentId} has dependencies; a summary task takes its dates from its children, so remove them first`,
        },
      ]);
    }
  }

  private async baseline(projectId: string, nameOrId: string) {
    const b = await this.baselines.resolve(projectId, nameOrId);
    if (!b)
      throw new UnprocessableError([
        { field: 'baseline', message: `project ${projectId} has no baseline "${nameOrId}"` },
      ]);
    return b;
  }

  private async timelineOf(ctx: RpcContext, projectId: string): Promise<Timeline> {
    const p = await this.schedules.read(ctx.tenantId, projectId);
    if (!p) throw new NotFoundError('project', projectId);
    return this.schedule.timeline(this.schedules.manager, p);
  }

  /** reschedule, then answer the task with its computed dates and the project's summary; emit the task event */
  private async finish(
    tx: Tx,
    ctx: RpcContext,
    project: ProjectScheduleRow,
    id: string,
    cause: string,
    contract: typeof PlanningEvents.taskCreated,
    changedTaskIds?: string[],
  ): Promise<TaskChangeResponse> {
    const schedule = await this.schedule.reschedule(tx, ctx, project.id, cause, changedTaskIds);
    const task = await this.taskView(tx, ctx, project, id);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: id,
      version: task.version,
      data: task,
    });
    return { task, schedule };
  }

  private async taskView(
    tx: Tx,
    ctx: RpcContext,
    project: ProjectScheduleRow,
    id: string,
  ): Promise<TaskResponse> {
    const row = await this.tasks.view(ctx.tenantId, id, tx.manager);
    if (!row) throw new NotFoundError('task', id);
    return toTaskResponse(row, await this.schedule.timeline(tx.manager, project));
  }

  /** nothing changed: the task and the stored summary */
  private async respond(
    tx: Tx,
    ctx: RpcContext,
    project: ProjectScheduleRow,
    id: string,
  ): Promise<TaskChangeResponse> {
    return {
      task: await this.taskView(tx, ctx, project, id),
      schedule: await this.schedule.storedSummary(tx.manager, project),
    };
  }
}

function current(t: TaskEntity, k: string): unknown {
  const v = (t as unknown as Record<string, unknown>)[k];
  return k === 'effort' && v !== null && v !== undefined ? Number(v) : v;
}

function checkConstraint(type: string | null, date: string | null): void {
  if (type && !date)
    throw new ValidationFailedError([
      { field: 'constraintDate', message: `constraintDate is required with constraintType ${type}` },
    ]);
  if (!type && date)
    throw new ValidationFailedError([
      { field: 'constraintType', message: 'constraintType is required with constraintDate' },
    ]);
}
