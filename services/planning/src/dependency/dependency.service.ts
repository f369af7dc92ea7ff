import {
  PlanningEvents,
  type CreateDependencyRequest,
  type DeleteDependencyRequest,
  type DependencyChangeResponse,
  type DependencyDeletedResponse,
  type DependencyPage,
  type DependencyResponse,
  type ListDependenciesRequest,
  type UpdateDependencyRequest,
} from '@baton/contracts';
import {
  Clock,
  ConflictError,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  UnprocessableError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ScheduleRepository } from '../schedule/schedule.repository.js';
import { ScheduleService } from '../schedule/schedule.service.js';
import { DependencyEntity } from './dependency.entity.js';
import { DependencyRepository, type TaskEnd } from './dependency.repository.js';

export function toDependencyResponse(d: DependencyEntity): DependencyResponse {
  return {
    id: d.id,
    predecessorId: d.predecessorId,
    predecessorProjectId: d.predecessorProjectId,
    successorId: d.successorId,
    successorProjectId: d.successorProjectId,
    type: d.type,
    lag: d.lag,
    crossProject: d.predecessorProjectId !== d.successorProjectId,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/**
 * Dependencies between tasks, within a project or across projects of one portfolio. The
 * successor's project owns the dependency and is rescheduled (with its downstream projects)
 * in the same transaction; a cycle is refused with 409 naming its tasks.
 */
@Injectable()
export class DependencyService {
  constructor(
    private readonly deps: DependencyRepository,
    private readonly schedules: ScheduleRepository,
    private readonly schedule: ScheduleService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateDependencyRequest, ctx: RpcContext): Promise<DependencyChangeResponse> {
    return this.uow.run(async (tx) => {
      const successor = await this.deps.taskEnd(tx.manager, ctx.tenantId, req.successorId);
      if (!successor) throw new NotFoundError('task', req.successorId);
      await this.schedule.lockProject(tx, ctx, successor.project_id);
      const predecessor = await this.deps.taskEnd(tx.manager, ctx.tenantId, req.predecessorId);
      if (!predecessor) {
        // A dependency across tenants is not found (404); an id that exists nowhere is an unknown
        // predecessor (422). The check reads nothing of the other tenant's task but its existence.
        if (await this.deps.isOtherTenantsTask(tx.manager, ctx.tenantId, req.predecessorId))
          throw new NotFoundError('task', req.predecessorId);
        throw new UnprocessableError([
          { field: 'predecessorId', message: `task ${req.predecessorId} does not exist` },
        ]);
      }
      checkEnds(predecessor, successor);
      if (predecessor.id === successor.id) {
        throw new UnprocessableError([{ field: 'predecessorId', message: 'a task cannot depend on itself' }]);
      }
      const cross = predecessor.project_id !== successor.project_id;
      if (cross || (await this.deps.hasCrossProject(tx.manager, [successor.project_id]))) {
        await this.refuseCycle(tx, predecessor, successor);
      }
      const now = this.clock.now();
      const d = Object.assign(new DependencyEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        predecessorId: predecessor.id,
        successorId: successor.id,
        predecessorProjectId: predecessor.project_id,
        successorProjectId: successor.project_id,
        type: req.type ?? 'FS',
        lag: req.lag ?? 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      if ((await this.deps.save(tx.manager, d)) === 'duplicate') {
        throw new ConflictError(`task ${successor.wbs} already depends on task ${predecessor.wbs}`, {
          errors: [{ field: 'predecessorId', message: 'this dependency exists' }],
        });
      }
      return this.finish(tx, ctx, d, 'dependency.create', PlanningEvents.dependencyCreated);
    });
  }

  update(req: UpdateDependencyRequest, ctx: RpcContext): Promise<DependencyChangeResponse> {
    return this.uow.run(async (tx) => {
      const d = await this.lock(tx, ctx, req.id, req.expectedVersion);
      const c = req.changes;
      if ((c.type === undefined || c.type === d.type) && (c.lag === undefined || c.lag === d.lag)) {
        const p = (await this.schedules.project(tx.manager, ctx.tenantId, d.successorProjectId))!;
        return {
          dependency: toDependencyResponse(d),
          schedule: await this.schedule.storedSummary(tx.manager, p),
        };
      }
      if (c.type !== undefined) d.type = c.type;
      if (c.lag !== undefined) d.lag = c.lag;
      d.version += 1;
      d.updatedAt = this.clock.now();
      await this.deps.save(tx.manager, d);
      return this.finish(tx, ctx, d, 'dependency.update', PlanningEvents.dependencyUpdated);
    });
  }

  delete(req: DeleteDependencyRequest, ctx: RpcContext): Promise<DependencyDeletedResponse> {
    return this.uow.run(async (tx) => {
      const d = await this.lock(tx, ctx, req.id, req.expectedVersion);
      await this.deps.delete(tx.manager, d.id);
      const schedule = await this.schedule.reschedule(tx, ctx, d.successorProjectId, 'dependency.delete');
      d.version += 1;
      const data = toDependencyResponse(d);
      tx.emit(PlanningEvents.dependencyDeleted, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: d.id,
        version: d.version,
        data,
      });
      return { id: d.id, schedule };
    });
  }

  async list(q: ListDependenciesRequest, ctx: RpcContext): Promise<DependencyPage> {
    if (!(await this.schedules.read(ctx.tenantId, q.projectId)))
      throw new NotFoundError('project', q.projectId);
    const page = await this.deps.list(q.projectId, q.limit, q.cursor);
    return { items: page.items.map(toDependencyResponse), nextCursor: page.nextCursor };
  }

  private async lock(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<DependencyEntity> {
    const peek = await this.deps.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!peek) throw new NotFoundError('dependency', id);
    await this.schedule.lockProject(tx, ctx, peek.successorProjectId);
    if (expectedVersion !== undefined && expectedVersion !== peek.version) {
      throw new VersionMismatchError('dependency', id, expectedVersion, peek.version);
    }
    return peek;
  }

  /** across projects the engine sees one project at a time, so a cycle through other projects is found here */
  private async refuseCycle(tx: Tx, predecessor: TaskEnd, successor: TaskEnd): Promise<void> {
    if (!(await this.deps.reaches(tx.manager, successor.id, predecessor.id))) return;
    const edges = await this.deps.edgesFrom(tx.manager, successor.id);
    const ends = new Map([
      [
        successor.id,
        {
          wbs: successor.wbs,
          name: successor.name,
          projectId: successor.project_id,
          project: successor.project,
        },
      ],
    ]);
    const next = new Map<string, string[]>();
    for (const e of edges) {
      ends.set(e.s, e);
      const out = next.get(e.p);
      if (out) out.push(e.s);
      else next.set(e.p, [e.s]);
    }
    // breadth-first from the successor to the predecessor: the shortest way round
    const prev = new Map<string, string>();
    const queue = [successor.id];
    const seen = new Set(queue);
    for (let head = 0; head < queue.length && queue[head] !== predecessor.id; head++) {
      for (const s of next.get(queue[head]!) ?? []) {
        if (seen.has(s)) continue;
        seen.add(s);
        prev.set(s, queue[head]!);
        queue.push(s);
      }
    }
    const path: string[] = [];
    for (let at: string | undefined = predecessor.id; at; at = prev.get(at)) path.unshift(at);
    // WBS codes repeat from project to project: a cycle through several names each task's project
    const crossProject = new Set(path.map((id) => ends.get(id)?.projectId)).size > 1;
    const cycle = path.map((id) => {
      const end = ends.get(id);
      const label = end ? `${end.wbs} ${end.name}` : id;
      return { id, name: end && crossProject ? `${end.project} ${label}` : label };
    });
    const text = [...cycle, cycle[0]!].map((c) => c.name).join(' → ');
    throw new ConflictError(`the dependency would create a cycle: ${text}`, {
      cycle,
      errors: [{ field: 'predecessorId', message: `cycle: ${text}` }],
    });
  }

  private async finish(
    tx: Tx,
    ctx: RpcContext,
    d: DependencyEntity,
    cause: string,
    contract: typeof PlanningEvents.dependencyCreated,
  ): Promise<DependencyChangeResponse> {
    const schedule = await this.schedule.reschedule(tx, ctx, d.successorProjectId, cause);
    const data = toDependencyResponse(d);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: d.id,
      version: d.version,
      data,
    });
    return { dependency: data, schedule };
  }
}

function checkEnds(predecessor: TaskEnd, successor: TaskEnd): void {
  for (const [field, t] of [
    ['predecessorId', predecessor],
    ['successorId', successor],
  ] as const) {
    if (t.kind === 'summary') {
      throw new UnprocessableError([
        { field, message: `task ${t.wbs} ${t.name} is a summary task; link its subtasks instead` },
      ]);
    }
  }
  if (
    predecessor.project_id !== successor.project_id &&
    (!predecessor.portfolio_id || predecessor.portfolio_id !== successor.portfolio_id)
  ) {
    throw new UnprocessableError([
      {
        field: 'predecessorId',
        message: 'dependencies across projects need both projects in the same portfolio',
      },
    ]);
  }
}
