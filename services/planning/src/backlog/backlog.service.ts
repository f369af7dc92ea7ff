import {
  PlanningAgileEvents,
  type BacklogItemPage,
  type BacklogItemResponse,
  type CreateBacklogItemRequest,
  type DeleteBacklogItemRequest,
  type EventContract,
  type ListBacklogItemsRequest,
  type MoveBacklogItemRequest,
  type UpdateBacklogItemRequest,
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
import { checkCommitment } from '../sprint/capacity.js';
import { SprintRepository } from '../sprint/sprint.repository.js';
import { BacklogItemEntity } from './backlog-item.entity.js';
import { BacklogItemRepository, RANK_GAP } from './backlog-item.repository.js';
import { lockProjectScope, ProjectRefs } from './project-ref.js';

export function toBacklogItemResponse(b: BacklogItemEntity): BacklogItemResponse {
  return {
    id: b.id,
    projectId: b.projectId,
    title: b.title,
    description: b.description,
    storyPoints: b.storyPoints,
    status: b.status,
    rank: b.rank,
    sprintId: b.sprintId,
    doneAt: b.doneAt ? b.doneAt.toISOString() : null,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

@Injectable()
export class BacklogService {
  constructor(
    private readonly items: BacklogItemRepository,
    private readonly sprints: SprintRepository,
    private readonly projects: ProjectRefs,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.uow.run(async (tx) => {
      await this.projects.requireOpen(tx.manager, ctx.tenantId, req.projectId);
      const now = this.clock.now();
      const points = req.storyPoints ?? null;
      // the sprint first (lock order sprint → items, the same everywhere)
      if (req.sprintId)
        await this.lockSprintFor(tx, ctx, req.sprintId, req.projectId, points ?? 0, 'sprintId');
      await lockProjectScope(tx.manager, 'backlog-rank', req.projectId);
      const status = req.status ?? 'todo';
      const item = Object.assign(new BacklogItemEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        projectId: req.projectId,
        sprintId: req.sprintId ?? null,
        title: req.title,
        description: req.description ?? null,
        storyPoints: points,
        status,
        rank: await this.items.bottomRank(tx.manager, ctx.tenantId, req.projectId),
        doneAt: status === 'done' ? now : null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.items.save(tx.manager, item);
      return this.emit(tx, ctx, item, PlanningAgileEvents.backlogItemCreated);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<BacklogItemResponse> {
    const item = await this.items.find(ctx.tenantId, id);
    if (!item) throw new NotFoundError('backlog item', id);
    return toBacklogItemResponse(item);
  }

  async list(q: ListBacklogItemsRequest, ctx: RpcContext): Promise<BacklogItemPage> {
    await this.projects.require(ctx.tenantId, q.projectId);
    const page = await this.items.list(ctx.tenantId, q);
    return { items: page.items.map(toBacklogItemResponse), nextCursor: page.nextCursor };
  }

  update(req: UpdateBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.uow.run(async (tx) => {
      const c = req.changes;
      const peek = await this.items.find(ctx.tenantId, req.id, tx.manager);
      if (!peek) throw new NotFoundError('backlog item', req.id);
      const moving = c.sprintId !== undefined && (c.sprintId ?? null) !== peek.sprintId;
      // lock order sprint → item: the target sprint (capacity) before the item
      if (moving && c.sprintId) {
        const points = c.storyPoints !== undefined ? (c.storyPoints ?? 0) : (peek.storyPoints ?? 0);
        await this.lockSprintFor(tx, ctx, c.sprintId, peek.projectId, points, 'sprintId');
      }
      const item = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (moving && item.sprintId) await this.requireNotClosed(tx, ctx, item.sprintId);
      let changed = false;
      const set = <K extends keyof BacklogItemEntity>(k: K, v: BacklogItemEntity[K] | undefined) => {
        if (v === undefined || v === item[k]) return;
        item[k] = v;
        changed = true;
      };
      set('title', c.title);
      set('description', c.description === undefined ? undefined : (c.description ?? null));
      set('storyPoints', c.storyPoints === undefined ? undefined : (c.storyPoints ?? null));
      set('sprintId', c.sprintId === undefined ? undefined : (c.sprintId ?? null));
      if (c.status !== undefined && c.status !== item.status) {
        item.doneAt = c.status === 'done' ? this.clock.now() : null;
        set('status', c.status);
      }
      if (!changed) return toBacklogItemResponse(item);
      item.version += 1;
      item.updatedAt = this.clock.now();
      await this.items.save(tx.manager, item);
      return this.emit(tx, ctx, item, PlanningAgileEvents.backlogItemUpdated);
    });
  }

  /** re-rank: just above `beforeId` or just below `afterId`; only the moved item's rank changes unless the gap is used up */
  move(req: MoveBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.uow.run(async (tx) => {
      // the item first: another tenant's item is a 404 whatever the body says
      const item = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      const refId = req.beforeId ?? req.afterId;
      if ((req.beforeId === undefined) === (req.afterId === undefined) || !refId) {
        throw new ValidationFailedError([
          { field: 'beforeId', message: 'send exactly one of beforeId and afterId' },
        ]);
      }
      const field = req.beforeId ? 'beforeId' : 'afterId';
      if (refId === req.id)
        throw new ValidationFailedError([{ field, message: `${field} must be another item` }]);
      await lockProjectScope(tx.manager, 'backlog-rank', item.projectId);
      const side = req.beforeId ? 'above' : 'below';
      const place = async (): Promise<number | null> => {
        const ref = await this.items.find(ctx.tenantId, refId, tx.manager);
        if (!ref || ref.projectId !== item.projectId) {
          throw new UnprocessableError([
            { field, message: `${field} ${refId} is not a backlog item of this project` },
          ]);
        }
        const other = await this.items.neighbour(tx.manager, ref, side, item.id);
        if (!other) return side === 'above' ? ref.rank - RANK_GAP : ref.rank + RANK_GAP;
        const mid = Math.floor((ref.rank + other.rank) / 2);
        return mid !== ref.rank && mid !== other.rank ? mid : null; // null: no room left between them
      };
      let rank = await place();
      if (rank === null) {
        await this.items.renumber(tx.manager, ctx.tenantId, item.projectId);
        rank = (await place())!;
      }
      item.rank = rank;
      item.version += 1;
      item.updatedAt = this.clock.now();
      await this.items.save(tx.manager, item);
      return this.emit(tx, ctx, item, PlanningAgileEvents.backlogItemMoved);
    });
  }

  delete(req: DeleteBacklogItemRequest, ctx: RpcContext): Promise<BacklogItemResponse> {
    return this.uow.run(async (tx) => {
      const item = await this.lockCurrent(tx, ctx, req.id, req.expectedVersion);
      if (item.sprintId) await this.requireNotClosed(tx, ctx, item.sprintId);
      await this.items.remove(tx.manager, item);
      return this.emit(tx, ctx, item, PlanningAgileEvents.backlogItemDeleted);
    });
  }

  /** the sprint an item is being committed to: same project, not closed, room for the points */
  private async lockSprintFor(
    tx: Tx,
    ctx: RpcContext,
    sprintId: string,
    projectId: string,
    points: number,
    field: string,
  ): Promise<void> {
    const sprint = await this.sprints.findForUpdate(tx.manager, ctx.tenantId, sprintId);
    if (!sprint || sprint.projectId !== projectId) {
      throw new UnprocessableError([
        { field, message: `${field} ${sprintId} is not a sprint of this project` },
      ]);
    }
    if (sprint.state === 'closed') {
      throw new ConflictError(`sprint ${sprint.id} is closed: nothing can be committed to it`, {
        currentState: sprint.state,
        errors: [{ field, message: `sprint ${sprint.id} is closed` }],
      });
    }
    const load = (await this.sprints.loads(ctx.tenantId, [sprint.id], tx.manager)).get(sprint.id)!;
    checkCommitment(sprint, load.points, points);
  }

  /** items of a closed sprint are its history: they cannot leave it or be deleted */
  private async requireNotClosed(tx: Tx, ctx: RpcContext, sprintId: string): Promise<void> {
    const sprint = await this.sprints.find(ctx.tenantId, sprintId, tx.manager);
    if (sprint?.state === 'closed') {
      throw new ConflictError(`the item belongs to closed sprint ${sprintId} and stays in it`, {
        currentState: 'closed',
        errors: [{ field: 'sprintId', message: `sprint ${sprintId} is closed` }],
      });
    }
  }

  private async lockCurrent(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<BacklogItemEntity> {
    const item = await this.items.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!item) throw new NotFoundError('backlog item', id);
    if (expectedVersion !== undefined && expectedVersion !== item.version) {
      throw new VersionMismatchError('backlog item', id, expectedVersion, item.version);
    }
    await this.projects.assertOpen(tx.manager, ctx.tenantId, item.projectId);
    return item;
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    b: BacklogItemEntity,
    contract: EventContract<BacklogItemResponse>,
  ): BacklogItemResponse {
    const data = toBacklogItemResponse(b);
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: b.id,
      version: b.version,
      data,
    });
    return data;
  }
}
