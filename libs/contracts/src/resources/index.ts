import { ByIdRequest } from '../common.js';
import { ResourceProjectResponse, ResourcesResourceProjectRequest } from '../project-scope.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';
import {
  AssignmentEvent,
  AssignmentPage,
  AssignmentResponse,
  CreateAssignmentRequest,
  DecideAssignmentRequest,
  ListAssignmentsRequest,
  RespondAssignmentRequest,
} from './assignment.js';
import { LoadRequest, LoadResponse } from './capacity.js';
import {
  LevelingRunEvent,
  LevelingRunKey,
  LevelingRunResponse,
  StartLevelingRunRequest,
} from './leveling.js';
import {
  AssetList,
  AssetResponse,
  ContractList,
  ContractResponse,
  CreateAssetRequest,
  CreateContractRequest,
  CreateTeamRequest,
  CreateVendorRequest,
  OrganisationEvent,
  TeamList,
  TeamResponse,
  UpdateTeamRequest,
  VendorContractsRequest,
  VendorList,
  VendorResponse,
} from './organisation.js';
import { StaffingSearchRequest, StaffingSearchResponse } from './staffing.js';
import {
  AddLeaveRequest,
  CreatePersonRequest,
  CreateSkillRequest,
  HolidayList,
  HolidaysReplaced,
  HolidaysKey,
  PutHolidaysRequest,
  LeaveList,
  LeaveResponse,
  ListPeopleRequest,
  PersonLeaveRequest,
  PersonPage,
  PersonResponse,
  RemoveLeaveRequest,
  SkillList,
  SkillResponse,
  NameFilterRequest,
  UpdatePersonRequest,
  PersonEvent,
  LeaveEvent,
  SkillEvent,
} from './person.js';
import {
  ListTimesheetsRequest,
  PutTimesheetRequest,
  TimeEntryApproved,
  TimesheetEvent,
  TimesheetKey,
  TimesheetPage,
  TimesheetResponse,
  TimesheetTransitionRequest,
} from './timesheet.js';

export * from './assignment.js';
export * from './capacity.js';
export * from './leveling.js';
export * from './organisation.js';
export * from './person.js';
export * from './staffing.js';
export * from './timesheet.js';

const s = (entity: string, action: string) => rpcSubject('resources', entity, action);
const e = (entity: string, verb: string) => eventSubject('resources', entity, verb);

/** Request/reply contracts answered by the resources service (queue group `resources`). */
export const ResourcesRpc = {
  skillCreate: rpc(s('skill', 'create'), CreateSkillRequest, SkillResponse),
  skillList: rpc(s('skill', 'list'), NameFilterRequest, SkillList),
  personCreate: rpc(s('person', 'create'), CreatePersonRequest, PersonResponse),
  personGet: rpc(s('person', 'get'), ByIdRequest, PersonResponse),
  personList: rpc(s('person', 'list'), ListPeopleRequest, PersonPage),
  personUpdate: rpc(s('person', 'update'), UpdatePersonRequest, PersonResponse),
  leaveAdd: rpc(s('leave', 'add'), AddLeaveRequest, LeaveResponse),
  leaveList: rpc(s('leave', 'list'), PersonLeaveRequest, LeaveList),
  leaveRemove: rpc(s('leave', 'remove'), RemoveLeaveRequest, LeaveResponse),
  assignmentCreate: rpc(s('assignment', 'create'), CreateAssignmentRequest, AssignmentResponse),
  assignmentGet: rpc(s('assignment', 'get'), ByIdRequest, AssignmentResponse),
  assignmentList: rpc(s('assignment', 'list'), ListAssignmentsRequest, AssignmentPage),
  assignmentDecide: rpc(s('assignment', 'decide'), DecideAssignmentRequest, AssignmentResponse),
  assignmentRespond: rpc(s('assignment', 'respond'), RespondAssignmentRequest, AssignmentResponse),
  teamCreate: rpc(s('team', 'create'), CreateTeamRequest, TeamResponse),
  teamList: rpc(s('team', 'list'), NameFilterRequest, TeamList),
  teamUpdate: rpc(s('team', 'update'), UpdateTeamRequest, TeamResponse),
  assetCreate: rpc(s('asset', 'create'), CreateAssetRequest, AssetResponse),
  assetList: rpc(s('asset', 'list'), NameFilterRequest, AssetList),
  vendorCreate: rpc(s('vendor', 'create'), CreateVendorRequest, VendorResponse),
  vendorList: rpc(s('vendor', 'list'), NameFilterRequest, VendorList),
  contractCreate: rpc(s('contract', 'create'), CreateContractRequest, ContractResponse),
  contractList: rpc(s('contract', 'list'), VendorContractsRequest, ContractList),
  levelingRunStart: rpc(s('leveling-run', 'start'), StartLevelingRunRequest, LevelingRunResponse),
  levelingRunGet: rpc(s('leveling-run', 'get'), LevelingRunKey, LevelingRunResponse),
  levelingRunApply: rpc(s('leveling-run', 'apply'), LevelingRunKey, LevelingRunResponse),
  levelingRunDiscard: rpc(s('leveling-run', 'discard'), LevelingRunKey, LevelingRunResponse),
  holidaysPut: rpc(s('holiday', 'put'), PutHolidaysRequest, HolidayList),
  holidaysGet: rpc(s('holiday', 'get'), HolidaysKey, HolidayList),
  load: rpc(s('capacity', 'load'), LoadRequest, LoadResponse),
  staffingSearch: rpc(s('staffing', 'search'), StaffingSearchRequest, StaffingSearchResponse),
  /** the project of a leveling run or assignment (gateway authorisation) */
  resourceProjectOf: rpc(
    s('resource', 'project-of'),
    ResourcesResourceProjectRequest,
    ResourceProjectResponse,
  ),
  timesheetPut: rpc(s('timesheet', 'put'), PutTimesheetRequest, TimesheetResponse),
  timesheetGet: rpc(s('timesheet', 'get'), TimesheetKey, TimesheetResponse),
  timesheetList: rpc(s('timesheet', 'list'), ListTimesheetsRequest, TimesheetPage),
  timesheetTransition: rpc(s('timesheet', 'transition'), TimesheetTransitionRequest, TimesheetResponse),
} as const;

/** Domain events published by resources (JetStream, through the outbox). */
export const ResourcesEvents = {
  skillCreated: event(e('skill', 'created'), 'skill', SkillEvent),
  levelingRunProposed: event(e('leveling-run', 'proposed'), 'leveling-run', LevelingRunEvent),
  levelingRunApplied: event(e('leveling-run', 'applied'), 'leveling-run', LevelingRunEvent),
  levelingRunDiscarded: event(e('leveling-run', 'discarded'), 'leveling-run', LevelingRunEvent),
  teamCreated: event(e('team', 'created'), 'team', OrganisationEvent),
  teamUpdated: event(e('team', 'updated'), 'team', OrganisationEvent),
  assetCreated: event(e('asset', 'created'), 'asset', OrganisationEvent),
  vendorCreated: event(e('vendor', 'created'), 'vendor', OrganisationEvent),
  contractCreated: event(e('contract', 'created'), 'contract', OrganisationEvent),
  personCreated: event(e('person', 'created'), 'person', PersonEvent),
  personUpdated: event(e('person', 'updated'), 'person', PersonEvent),
  leaveAdded: event(e('leave', 'added'), 'leave', LeaveEvent),
  leaveRemoved: event(e('leave', 'removed'), 'leave', LeaveEvent),
  holidaysReplaced: event(e('holidays', 'replaced'), 'holidays', HolidaysReplaced),
  assignmentRequested: event(e('assignment', 'requested'), 'assignment', AssignmentEvent),
  assignmentApproved: event(e('assignment', 'approved'), 'assignment', AssignmentEvent),
  assignmentRejected: event(e('assignment', 'rejected'), 'assignment', AssignmentEvent),
  assignmentCounterProposed: event(e('assignment', 'counter-proposed'), 'assignment', AssignmentEvent),
  assignmentWithdrawn: event(e('assignment', 'withdrawn'), 'assignment', AssignmentEvent),
  timesheetSubmitted: event(e('timesheet', 'submitted'), 'timesheet', TimesheetEvent),
  timesheetApproved: event(e('timesheet', 'approved'), 'timesheet', TimesheetEvent),
  timesheetRejected: event(e('timesheet', 'rejected'), 'timesheet', TimesheetEvent),
  timesheetReopened: event(e('timesheet', 'reopened'), 'timesheet', TimesheetEvent),
  timeEntryApproved: event(e('time-entry', 'approved'), 'time-entry', TimeEntryApproved),
} as const;
