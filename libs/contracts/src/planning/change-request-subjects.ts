import { ByIdRequest } from '../common.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';
import {
  ApproveChangeRequestRequest,
  ChangeRequestHistoryPage,
  ChangeRequestHistoryRequest,
  ChangeRequestPage,
  ChangeRequestResponse,
  CreateChangeRequestRequest,
  ListChangeRequestsRequest,
  RejectChangeRequestRequest,
  SubmitChangeRequestRequest,
  UpdateChangeRequestRequest,
} from './change-request.js';

const s = (action: string) => rpcSubject('planning', 'change-request', action);
const e = (verb: string) => eventSubject('planning', 'change-request', verb);

/** Change control, answered by the planning service. */
export const PlanningChangeRequestRpc = {
  changeRequestCreate: rpc(s('create'), CreateChangeRequestRequest, ChangeRequestResponse),
  changeRequestGet: rpc(s('get'), ByIdRequest, ChangeRequestResponse),
  changeRequestList: rpc(s('list'), ListChangeRequestsRequest, ChangeRequestPage),
  changeRequestUpdate: rpc(s('update'), UpdateChangeRequestRequest, ChangeRequestResponse),
  changeRequestSubmit: rpc(s('submit'), SubmitChangeRequestRequest, ChangeRequestResponse),
  changeRequestApprove: rpc(s('approve'), ApproveChangeRequestRequest, ChangeRequestResponse),
  changeRequestReject: rpc(s('reject'), RejectChangeRequestRequest, ChangeRequestResponse),
  changeRequestHistory: rpc(s('history'), ChangeRequestHistoryRequest, ChangeRequestHistoryPage),
} as const;

/** `planning.change-request.*` events (JetStream, through the outbox). */
export const PlanningChangeRequestEvents = {
  changeRequestCreated: event(e('created'), 'change-request', ChangeRequestResponse),
  changeRequestUpdated: event(e('updated'), 'change-request', ChangeRequestResponse),
  changeRequestSubmitted: event(e('submitted'), 'change-request', ChangeRequestResponse),
  changeRequestApproved: event(e('approved'), 'change-request', ChangeRequestResponse),
  changeRequestRejected: event(e('rejected'), 'change-request', ChangeRequestResponse),
} as const;
