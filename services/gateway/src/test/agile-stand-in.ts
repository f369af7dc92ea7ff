// A stand-in planning service for the gateway's agile and change-request specs: answers those
// subjects over real NATS like planning would, records each call with its envelope context.
import {
  ByIdRequest,
  PlanningAgileRpc,
  PlanningChangeRequestRpc,
  type BacklogItemResponse,
  type ChangeRequestResponse,
  type SprintResponse,
} from '@baton/contracts';
import {
  BaseConfig,
  ConflictError,
  NotFoundError,
  PlatformModule,
  RpcHandler,
  VersionMismatchError,
  type RpcContext,
} from '@baton/platform';
import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { CURRENT_VERSION, Ids, type RecordedCall } from './support.js';

/** the project every stand-in object belongs to */
export const project = Ids.existing;
const at = '2026-01-01T00:00:00.000Z';

const sprint = (
  id: string,
  version = CURRENT_VERSION,
  extra: Partial<SprintResponse> = {},
): SprintResponse => ({
  id,
  projectId: project,
  name: 'Sprint 1',
  goal: null,
  startDate: '2027-01-04',
  endDate: '2027-01-15',
  capacity: 20,
  state: 'planned',
  committedPoints: 0,
  itemCount: 0,
  overCommitted: false,
  completedPoints: null,
  startedAt: null,
  closedAt: null,
  version,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

const item = (id: string, version = 1): BacklogItemResponse => ({
  id,
  projectId: project,
  title: 'Login',
  description: null,
  storyPoints: 3,
  status: 'todo',
  rank: 1024,
  sprintId: null,
  doneAt: null,
  version,
  createdAt: at,
  updatedAt: at,
});

const changeRequest = (
  id: string,
  version = 1,
  extra: Partial<ChangeRequestResponse> = {},
): ChangeRequestResponse => ({
  id,
  projectId: project,
  kind: 'scope',
  title: 'More',
  description: null,
  scheduleImpactDays: null,
  costImpact: null,
  state: 'draft',
  createdBy: 'alice',
  submittedBy: null,
  submittedAt: null,
  decidedBy: null,
  decidedAt: null,
  decisionComment: null,
  rebaseline: false,
  baselineId: null,
  version,
  createdAt: at,
  updatedAt: at,
  ...extra,
});

/** Answers the agile and change-request subjects like planning would, recording each call. */
@Injectable()
export class StandInAgile {
  readonly calls: RecordedCall[] = [];

  private record(handler: string, payload: unknown, ctx: RpcContext) {
    this.calls.push({ handler, payload: JSON.parse(JSON.stringify(payload)), ctx });
  }

  @RpcHandler(PlanningAgileRpc.sprintCreate)
  async sprintCreate(req: object, ctx: RpcContext) {
    this.record('sprintCreate', req, ctx);
    return sprint(Ids.existing, 1);
  }

  @RpcHandler(PlanningAgileRpc.sprintGet)
  async sprintGet(req: ByIdRequest, ctx: RpcContext) {
    this.record('sprintGet', req, ctx);
    if (req.id === Ids.missing) throw new NotFoundError('sprint', req.id);
    return sprint(req.id);
  }

  @RpcHandler(PlanningAgileRpc.sprintList)
  async sprintList(req: { cursor?: string }, ctx: RpcContext) {
    this.record('sprintList', req, ctx);
    return { items: [sprint(Ids.existing)], nextCursor: req.cursor ? null : 'page-2' };
  }

  @RpcHandler(PlanningAgileRpc.sprintStart)
  async sprintStart(req: { id: string; expectedVersion?: number }, ctx: RpcContext) {
    this.record('sprintStart', req, ctx);
    if (req.expectedVersion !== undefined && req.expectedVersion !== CURRENT_VERSION) {
      throw new VersionMismatchError('sprint', req.id, req.expectedVersion, CURRENT_VERSION);
    }
    return sprint(req.id, CURRENT_VERSION + 1, { state: 'active' });
  }

  @RpcHandler(PlanningAgileRpc.sprintClose)
  async sprintClose(req: { id: string }, ctx: RpcContext) {
    this.record('sprintClose', req, ctx);
    throw new ConflictError(`sprint ${req.id} is planned: only an active sprint can be closed`, {
      currentState: 'planned',
      errors: [{ field: 'state', message: 'the sprint is planned' }],
    });
  }

  @RpcHandler(PlanningAgileRpc.sprintCommit)
  async sprintCommit(req: { id: string }, ctx: RpcContext) {
    this.record('sprintCommit', req, ctx);
    return sprint(req.id, CURRENT_VERSION + 1, { committedPoints: 8, itemCount: 2 });
  }

  @RpcHandler(PlanningAgileRpc.velocityGet)
  async velocity(req: { projectId: string; window?: number }, ctx: RpcContext) {
    this.record('velocityGet', req, ctx);
    return { projectId: req.projectId, window: req.window ?? 3, sprints: [], averageVelocity: null };
  }

  @RpcHandler(PlanningAgileRpc.backlogItemCreate)
  async itemCreate(req: object, ctx: RpcContext) {
    this.record('backlogItemCreate', req, ctx);
    return item(Ids.existing);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemUpdate)
  async itemUpdate(req: { id: string }, ctx: RpcContext) {
    this.record('backlogItemUpdate', req, ctx);
    return item(req.id, 2);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemMove)
  async itemMove(req: { id: string }, ctx: RpcContext) {
    this.record('backlogItemMove', req, ctx);
    return item(req.id, 2);
  }

  @RpcHandler(PlanningAgileRpc.backlogItemDelete)
  async itemDelete(req: { id: string }, ctx: RpcContext) {
    this.record('backlogItemDelete', req, ctx);
    return item(req.id);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestCreate)
  async crCreate(req: object, ctx: RpcContext) {
    this.record('changeRequestCreate', req, ctx);
    return changeRequest(Ids.existing);
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestApprove)
  async crApprove(req: { id: string }, ctx: RpcContext) {
    this.record('changeRequestApprove', req, ctx);
    return changeRequest(req.id, 3, { state: 'approved', decidedBy: ctx.actor.id });
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestReject)
  async crReject(req: { id: string }, ctx: RpcContext) {
    this.record('changeRequestReject', req, ctx);
    return changeRequest(req.id, 3, { state: 'rejected' });
  }

  @RpcHandler(PlanningChangeRequestRpc.changeRequestHistory)
  async crHistory(req: { id: string; cursor?: string }, ctx: RpcContext) {
    this.record('changeRequestHistory', req, ctx);
    if (req.id === Ids.missing) throw new NotFoundError('change request', req.id);
    return { items: [], nextCursor: req.cursor ? null : 'h-2' };
  }
}

@Module({})
export class StandInAgileModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: StandInAgileModule,
      imports: [PlatformModule.forService({ service: 'planning', config })],
      providers: [StandInAgile],
    };
  }
}
