import { ArchiveRequest, ByIdRequest } from '../common.js';
import { PlanningResourceProjectRequest, ResourceProjectResponse } from '../project-scope.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';
import {
  CreatePortfolioRequest,
  ListPortfoliosRequest,
  PortfolioPage,
  PortfolioResponse,
  UpdatePortfolioRequest,
} from './portfolio.js';
import {
  CreateProgrammeRequest,
  ListProgrammesRequest,
  ProgrammePage,
  ProgrammeResponse,
  UpdateProgrammeRequest,
} from './programme.js';
import {
  CreateProjectRequest,
  ListProjectsRequest,
  ProjectPage,
  ProjectResponse,
  UpdateProjectRequest,
} from './project.js';
import { BaselineEvents, BaselineRpc } from './baseline.js';
import { CalendarEvents, CalendarRpc } from './calendar.js';
import { DependencyEvents, DependencyRpc } from './dependency.js';
import { ScheduleEvents, ScheduleRpc } from './schedule.js';
import { TaskEvents, TaskRpc } from './task.js';
import { PlanningAgileEvents, PlanningAgileRpc } from './agile-subjects.js';
import { PlanningChangeRequestEvents, PlanningChangeRequestRpc } from './change-request-subjects.js';

export * from './portfolio.js';
export * from './programme.js';
export * from './project.js';
export * from './task.js';
export * from './dependency.js';
export * from './calendar.js';
export * from './schedule.js';
export * from './baseline.js';
export * from './agile-backlog.js';
export * from './agile-sprint.js';
export * from './agile-subjects.js';
export * from './change-request.js';
export * from './change-request-subjects.js';

const s = (entity: string, action: string) => rpcSubject('planning', entity, action);
const e = (entity: string, verb: string) => eventSubject('planning', entity, verb);

/** Request/reply contracts answered by the planning service (queue group `planning`). */
export const PlanningRpc = {
  portfolioCreate: rpc(s('portfolio', 'create'), CreatePortfolioRequest, PortfolioResponse),
  portfolioGet: rpc(s('portfolio', 'get'), ByIdRequest, PortfolioResponse),
  portfolioList: rpc(s('portfolio', 'list'), ListPortfoliosRequest, PortfolioPage),
  portfolioUpdate: rpc(s('portfolio', 'update'), UpdatePortfolioRequest, PortfolioResponse),
  portfolioArchive: rpc(s('portfolio', 'archive'), ArchiveRequest, PortfolioResponse),
  programmeCreate: rpc(s('programme', 'create'), CreateProgrammeRequest, ProgrammeResponse),
  programmeGet: rpc(s('programme', 'get'), ByIdRequest, ProgrammeResponse),
  programmeList: rpc(s('programme', 'list'), ListProgrammesRequest, ProgrammePage),
  programmeUpdate: rpc(s('programme', 'update'), UpdateProgrammeRequest, ProgrammeResponse),
  programmeArchive: rpc(s('programme', 'archive'), ArchiveRequest, ProgrammeResponse),
  projectCreate: rpc(s('project', 'create'), CreateProjectRequest, ProjectResponse),
  projectGet: rpc(s('project', 'get'), ByIdRequest, ProjectResponse),
  projectList: rpc(s('project', 'list'), ListProjectsRequest, ProjectPage),
  projectUpdate: rpc(s('project', 'update'), UpdateProjectRequest, ProjectResponse),
  projectArchive: rpc(s('project', 'archive'), ArchiveRequest, ProjectResponse),
  ...TaskRpc,
  ...DependencyRpc,
  ...CalendarRpc,
  ...ScheduleRpc,
  ...BaselineRpc,
  ...PlanningAgileRpc,
  ...PlanningChangeRequestRpc,
  /** the project of a task, dependency, baseline, sprint, backlog item or change request (gateway authorisation) */
  resourceProjectOf: rpc(
    s('resource', 'project-of'),
    PlanningResourceProjectRequest,
    ResourceProjectResponse,
  ),
} as const;

/** Domain events published by planning (JetStream, through the outbox). */
export const PlanningEvents = {
  portfolioCreated: event(e('portfolio', 'created'), 'portfolio', PortfolioResponse),
  portfolioUpdated: event(e('portfolio', 'updated'), 'portfolio', PortfolioResponse),
  portfolioArchived: event(e('portfolio', 'archived'), 'portfolio', PortfolioResponse),
  programmeCreated: event(e('programme', 'created'), 'programme', ProgrammeResponse),
  programmeUpdated: event(e('programme', 'updated'), 'programme', ProgrammeResponse),
  programmeArchived: event(e('programme', 'archived'), 'programme', ProgrammeResponse),
  projectCreated: event(e('project', 'created'), 'project', ProjectResponse),
  projectUpdated: event(e('project', 'updated'), 'project', ProjectResponse),
  projectArchived: event(e('project', 'archived'), 'project', ProjectResponse),
  ...TaskEvents,
  ...DependencyEvents,
  ...CalendarEvents,
  ...ScheduleEvents,
  ...BaselineEvents,
  ...PlanningAgileEvents,
  ...PlanningChangeRequestEvents,
} as const;

/** every planning.project.* event, for consumers that follow projects */
export const PlanningProjectEventsFilter = e('project', '*');
