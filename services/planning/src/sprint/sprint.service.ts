import {
  PlanningAgileEvents,
  type CommitSprintItemsRequest,
  type CreateSprintRequest,
  type EventContract,
  type ListSprintsRequest,
  type SprintPage,
  type SprintResponse,
  type SprintState,
  type SprintTransitionRequest,
  type UpdateSprintRequest,
  type VelocityRequest,
  type VelocityResponse,
} from '@baton/contracts';
import {
  Clock,
  ConflictError,
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
import { BacklogItemRepository } from '../backlog/backlog-item.repository.js';
import { toBacklogItemResponse } from '../backlog/backlog.service.js';
import { lockProjectScope, ProjectRefs } from '../backlog/project-ref.js';
import { checkCommitment } from './capacity.js';
import { SprintEntity } from './sprint.entity.js';
import { SprintRepository, type SprintLoad } from './sprint.repository.js';
import { velocity } from './velocity.js';

export function toSprintResponse(s: SprintEntity, load: SprintLoad): SprintResponse {
  const closed = s.state === 'closed';
  const committedPoints = closed ? (s.committedPoints ?? 0) : load.points;
  return {
    id: s.id,
    projectId: s.projectId,
    name: s.name,
    goal: s.goal,
    startDate: s.startDate,
    endDate: s.endDate,
    capacity: s.capacity,
    state: s.state,
    committedPoints,
    itemCount: closed ? (s.itemCount ?? 0) : load.items,
    overCommitted: committedPoints > s.capacity,
    completedPoints: s.completedPoints,
    startedAt: s.startedAt ? s.startedAt.toISOString() : null,
    closedAt: s.closedAt ? s.closedAt.toISOString() : null,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const DEFAULT_WINDOW = 3;
const DEFAULT_VELOCITY_LIMIT = 20;

@Injectable()
export class SprintService {
  constructor(
    private readonly sprints: SprintRepository,
    private readonly items: BacklogItemRepository,
    private readonly projects: ProjectRefs,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateSprintRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.uow.run(async (tx) => {
      // the project first: another tenant's project is a 404 whatever the body says
      await this.projects.requireOpen(tx.manager, ctx.tenantId, req.projectId);
      checkDates(req.startDate, req.endDate);
      await this.requireNoOverlap(tx, ctx, req.projectId, req.startDate, req.endDate);
      const now = this.clock.now();
      const sprint = Object.assign(new SprintEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        projectId: req.projectId,
        name: req.name,
        goal: req.goal ?? null,
        startDate: req.startDate,
        endDate: req.endDate,
        capacity: req.capacity,
        state: 'planned' as SprintState,
        committedPoints: null,
        itemCount: null,
        completedPoints: null,
        startedAt: null,
        closedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.sprints.save(tx.manager, sprint);
      return this.emit(tx, ctx, sprint, PlanningAgileEvents.sprintCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<SprintResponse> {
    const s = await this.sprints.find(ctx.tenantId, id);
    if (!s) throw new NotFoundError('sprint', id);
    return this.respond(s);
  }

  async list(q: ListSprintsRequest, ctx: RpcContext): Promise<SprintPage> {
    await this.projects.require(ctx.tenantId, q.projectId);
    const page = await this.sprints.list(ctx.tenantId, q);
    const loads = await this.sprints.loads(
      ctx.tenantId,
      page.items.filter((s) => s.state !== 'closed').map((s) => s.id),
    );
    return {
      items: page.items.map((s) => toSprintResponse(s, loads.get(s.id) ?? { points: 0, items: 0 })),
      nextCursor: page.nextCursor,
    };
  }

  update(req: UpdateSprintRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.uow.run(async (tx) => {
      const s = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const c = req.changes;
      if (s.state === 'closed') throw stateConflict(s, 'changed', ['planned', 'active']);
      const datesChange =
        (c.startDate !== undefined && c.startDate !== s.startDate) ||
        (c.endDate !== undefined && c.endDate !== s.endDate);
      if (datesChange && s.state !== 'planned') {
        throw stateConflict(
          s,
          'given new dates',
          ['planned'],
          c.startDate !== undefined ? 'startDate' : 'endDate',
        );
      }
      let changed = false;
      const set = <K extends keyof SprintEntity>(k: K, v: SprintEntity[K] | undefined) => {
        if (v === undefined || v === s[k]) return;
        s[k] = v;
        changed = true;
      };
      set('name', c.name);
      set('goal', c.goal === undefined ? undefined : (c.goal ?? null));
      set('capacity', c.capacity);
      set('startDate', c.startDate);
      set('endDate', c.endDate);
      if (!changed) return this.respond(s, tx);
      if (datesChange) {
        checkDates(s.startDate, s.endDate);
        await this.requireNoOverlap(tx, ctx, s.projectId, s.startDate, s.endDate, s.id);
      }
      s.version += 1;
      s.updatedAt = this.clock.now();
      await this.sprints.save(tx.manager, s);
      return this.emit(tx, ctx, s, PlanningAgileEvents.sprintUpdated);
    });
  }

  /** planned → active; one active sprint per project */
  start(req: SprintTransitionRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.uow.run(async (tx) => {
      const s = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (s.state !== 'planned') throw stateConflict(s, 'started', ['planned']);
      await lockProjectScope(tx.manager, 'sprint', s.projectId);
      const active = await this.sprints.findActive(tx.manager, ctx.tenantId, s.projectId);
      if (active) {
        throw new ConflictError(
          `sprint ${active.id} (${active.name}) is already active in this project: close it first`,
          {
            activeSprintId: active.id,
            errors: [{ field: 'state', message: `project already has an active sprint ${active.id}` }],
          },
        );
      }
      s.state = 'active';
      s.startedAt = this.clock.now();
      s.updatedAt = s.startedAt;
      s.version += 1;
      await this.sprints.save(tx.manager, s);
      return this.emit(tx, ctx, s, PlanningAgileEvents.sprintStarted);
    });
  }

  /**
   * active → closed: freezes the committed points and item count, records the completed points
   * (story points of the items done now: the sprint's velocity), and returns unfinished items
   * to the backlog.
   */
  close(req: SprintTransitionRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.uow.run(async (tx) => {
      const s = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (s.state !== 'active') throw stateConflict(s, 'closed', ['active']);
      const now = this.clock.now();
      const inSprint = await this.items.inSprintForUpdate(tx.manager, ctx.tenantId, s.id);
      s.committedPoints = inSprint.reduce((sum, i) => sum + (i.storyPoints ?? 0), 0);
      s.itemCount = inSprint.length;
      s.completedPoints = inSprint
        .filter((i) => i.status === 'done')
        .reduce((sum, i) => sum + (i.storyPoints ?? 0), 0);
      const unfinished = inSprint.filter((i) => i.status !== 'done');
      for (const i of unfinished) {
        i.sprintId = null;
        i.version += 1;
        i.updatedAt = now;
      }
      if (unfinished.length) await this.items.saveAll(tx.manager, unfinished);
      for (const i of unfinished) {
        tx.emit(PlanningAgileEvents.backlogItemUpdated, {
          tenantId: ctx.tenantId,
          actor: ctx.actor,
          aggregateId: i.id,
          version: i.version,
          data: toBacklogItemResponse(i),
        });
      }
      s.state = 'closed';
      s.closedAt = now;
      s.updatedAt = now;
      s.version += 1;
      await this.sprints.save(tx.manager, s);
      return this.emit(tx, ctx, s, PlanningAgileEvents.sprintClosed);
    });
  }

  /** commits backlog items of the same project to a planned or active sprint, within its capacity */
  commit(req: CommitSprintItemsRequest, ctx: RpcContext): Promise<SprintResponse> {
    return this.uow.run(async (tx) => {
      const s = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (s.state === 'closed') throw stateConflict(s, 'given items', ['planned', 'active'], 'itemIds');
      const items = await this.items.findManyForUpdate(tx.manager, ctx.tenantId, req.itemIds);
      const found = new Set(items.filter((i) => i.projectId === s.projectId).map((i) => i.id));
      const unknown = req.itemIds.filter((id) => !found.has(id));
      if (unknown.length) {
        throw new UnprocessableError([
          { field: 'itemIds', message: `not backlog items of this project: ${unknown.join(', ')}` },
        ]);
      }
      const fromClosed = items.filter((i) => i.sprintId && i.sprintId !== s.id);
      for (const i of fromClosed) {
        const other = await this.sprints.find(ctx.tenantId, i.sprintId!, tx.manager);
        if (other?.state === 'closed') {
          throw new ConflictError(
            `backlog item ${i.id} belongs to closed sprint ${other.id} and stays in it`,
            {
              errors: [{ field: 'itemIds', message: `item ${i.id} is in closed sprint ${other.id}` }],
            },
          );
        }
      }
      const adding = items.filter((i) => i.sprintId !== s.id);
      if (adding.length === 0) return this.respond(s, tx); // all of them are in this sprint already
      const load = (await this.sprints.loads(ctx.tenantId, [s.id], tx.manager)).get(s.id)!;
      checkCommitment(
        s,
        load.points,
        adding.reduce((sum, i) => sum + (i.storyPoints ?? 0), 0),
        req.allowOverCapacity,
      );
      const now = this.clock.now();
      for (const i of adding) {
        i.sprintId = s.id;
        i.version += 1;
        i.updatedAt = now;
      }
      await this.items.saveAll(tx.manager, adding);
      for (const i of adding) {
        tx.emit(PlanningAgileEvents.backlogItemUpdated, {
          tenantId: ctx.tenantId,
          actor: ctx.actor,
          aggregateId: i.id,
          version: i.version,
          data: toBacklogItemResponse(i),
        });
      }
      s.version += 1;
      s.updatedAt = now;
      await this.sprints.save(tx.manager, s);
      return this.emit(tx, ctx, s, PlanningAgileEvents.sprintCommitted);
    });
  }

  async velocity(req: VelocityRequest, ctx: RpcContext): Promise<VelocityResponse> {
    await this.projects.require(ctx.tenantId, req.projectId);
    const window = req.window ?? DEFAULT_WINDOW;
    const closed = await this.sprints.closed(ctx.tenantId, req.projectId);
    const points = closed.map((s) => ({ completedPoints: s.completedPoints ?? 0 }));
    const v = velocity(points, window);
    const from = Math.max(0, closed.length - (req.limit ?? DEFAULT_VELOCITY_LIMIT));
    return {
      projectId: req.projectId,
      window,
      sprints: closed.slice(from).map((s, k) => ({
        sprintId: s.id,
        name: s.name,
        startDate: s.startDate,
        endDate: s.endDate,
        capacity: s.capacity,
        committedPoints: s.committedPoints ?? 0,
        completedPoints: s.completedPoints ?? 0,
        rollingAverage: v.rolling[from + k]!,
      })),
      averageVelocity: v.average,
    };
  }

  private async requireNoOverlap(
    tx: Tx,
    ctx: RpcContext,
    projectId: string,
    start: string,
    end: string,
    exceptId?: string,
  ): Promise<void> {
    await lockProjectScope(tx.manager, 'sprint', projectId);
    const other = await this.sprints.findOverlapping(
      tx.manager,
      ctx.tenantId,
      projectId,
      start,
      end,
      exceptId,
    );
    if (!other) return;
    const message = `overlaps sprint ${other.id} (${other.name}, ${other.startDate} to ${other.endDate})`;
    throw new ConflictError(`the sprint ${message}: sprints of a project may not overlap`, {
      conflictingSprintId: other.id,
      errors: [
        { field: 'startDate', message },
        { field: 'endDate', message },
      ],
    });
  }

  private async respond(s: SprintEntity, tx?: Tx): Promise<SprintResponse> {
    const load =
      s.state === 'closed'
        ? { points: 0, items: 0 }
        : (await this.sprints.loads(s.tenantId, [s.id], tx?.manager)).get(s.id)!;
    return toSprintResponse(s, load);
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<SprintEntity> {
    const s = await this.sprints.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!s) throw new NotFoundError('sprint', id);
    if (expectedVersion !== undefined && expectedVersion !== s.version) {
      throw new VersionMismatchError('sprint', id, expectedVersion, s.version);
    }
    await this.projects.assertOpen(tx.manager, ctx.tenantId, s.projectId);
    return s;
  }

  private async emit(
    tx: Tx,
    ctx: RpcContext,
    s: SprintEntity,
    contract: EventContract<SprintResponse>,
  ): Promise<SprintResponse> {
    const data = await this.respond(s, tx);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: s.id,
      version: s.version,
      data,
    });
    return data;
  }
}

/** end after start (also a CHECK constraint in the table) */
function checkDates(start: string, end: string): void {
  if (end <= start)
    throw new ValidationFailedError([{ field: 'endDate', message: 'endDate must be after startDate' }]);
}

/** "a" or "an" before a word (sprint states: planned, active, closed). */
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** 409 that names the sprint's current state */
function stateConflict(
  s: SprintEntity,
  what: string,
  allowed: SprintState[],
  field = 'state',
): ConflictError {
  return new ConflictError(
    `sprint ${s.id} is ${s.state}: only ${article(allowed[0])} ${allowed.join(' or ')} sprint can be ${what}`,
    {
      currentState: s.state,
      errors: [{ field, message: `the sprint is ${s.state}` }],
    },
  );
}
