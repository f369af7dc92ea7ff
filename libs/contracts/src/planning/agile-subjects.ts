import { ByIdRequest } from '../common.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';
import {
  BacklogItemPage,
  BacklogItemResponse,
  CreateBacklogItemRequest,
  DeleteBacklogItemRequest,
  ListBacklogItemsRequest,
  MoveBacklogItemRequest,
  UpdateBacklogItemRequest,
} from './agile-backlog.js';
import {
  CommitSprintItemsRequest,
  CreateSprintRequest,
  ListSprintsRequest,
  SprintPage,
  SprintResponse,
  SprintTransitionRequest,
  UpdateSprintRequest,
  VelocityRequest,
  VelocityResponse,
} from './agile-sprint.js';

const s = (entity: string, action: string) => rpcSubject('planning', entity, action);
const e = (entity: string, verb: string) => eventSubject('planning', entity, verb);

/** Agile planning (backlog items, sprints, velocity), answered by the planning service. */
export const PlanningAgileRpc = {
  backlogItemCreate: rpc(s('backlog-item', 'create'), CreateBacklogItemRequest, BacklogItemResponse),
  backlogItemGet: rpc(s('backlog-item', 'get'), ByIdRequest, BacklogItemResponse),
  backlogItemList: rpc(s('backlog-item', 'list'), ListBacklogItemsRequest, BacklogItemPage),
  backlogItemUpdate: rpc(s('backlog-item', 'update'), UpdateBacklogItemRequest, BacklogItemResponse),
  backlogItemMove: rpc(s('backlog-item', 'move'), MoveBacklogItemRequest, BacklogItemResponse),
  backlogItemDelete: rpc(s('backlog-item', 'delete'), DeleteBacklogItemRequest, BacklogItemResponse),
  sprintCreate: rpc(s('sprint', 'create'), CreateSprintRequest, SprintResponse),
  sprintGet: rpc(s('sprint', 'get'), ByIdRequest, SprintResponse),
  sprintList: rpc(s('sprint', 'list'), ListSprintsRequest, SprintPage),
  sprintUpdate: rpc(s('sprint', 'update'), UpdateSprintRequest, SprintResponse),
  sprintStart: rpc(s('sprint', 'start'), SprintTransitionRequest, SprintResponse),
  sprintClose: rpc(s('sprint', 'close'), SprintTransitionRequest, SprintResponse),
  sprintCommit: rpc(s('sprint', 'commit'), CommitSprintItemsRequest, SprintResponse),
  velocityGet: rpc(s('velocity', 'get'), VelocityRequest, VelocityResponse),
} as const;

/** Agile events (JetStream, through the outbox). */
export const PlanningAgileEvents = {
  backlogItemCreated: event(e('backlog-item', 'created'), 'backlog-item', BacklogItemResponse),
  backlogItemUpdated: event(e('backlog-item', 'updated'), 'backlog-item', BacklogItemResponse),
  backlogItemMoved: event(e('backlog-item', 'moved'), 'backlog-item', BacklogItemResponse),
  backlogItemDeleted: event(e('backlog-item', 'deleted'), 'backlog-item', BacklogItemResponse),
  sprintCreated: event(e('sprint', 'created'), 'sprint', SprintResponse),
  sprintUpdated: event(e('sprint', 'updated'), 'sprint', SprintResponse),
  sprintStarted: event(e('sprint', 'started'), 'sprint', SprintResponse),
  sprintClosed: event(e('sprint', 'closed'), 'sprint', SprintResponse),
  sprintCommitted: event(e('sprint', 'committed'), 'sprint', SprintResponse),
} as const;
