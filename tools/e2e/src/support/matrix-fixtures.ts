// Tenant A's objects for the endpoint matrix: one real object (made through the API by tenant A's
// admin) behind every path parameter of the document, so that "200 for a role holding the
// permission" is a real control and "another tenant → 404" is about an object that exists.
import { expect } from '@jest/globals';
import { waitFor } from '@baton/testing';
import type { ApiResult, BatonClient } from '../../../openapi/client/client.js';

/** A Monday (timesheets, weekly load) and the holiday namespace tenant A fills */
export const WEEK = '2027-01-04';
export const HOLIDAYS = { location: 'XA-SEC', year: '2027' } as const;
/** tenant A's department: capacity/load is asked for it, by A (finds A's person) and by B (finds nobody) */
export const DEPARTMENT = 'Delivery';

export const must = <T>(res: ApiResult<T>, status: number): T => {
  // the problem is part of the comparison so a failure shows why the call was refused
  expect({ status: res.status, problem: res.problem }).toEqual({ status, problem: undefined });
  return res.data as T;
};

type Id = { id: string };

/**
 * Creates tenant A's planning, resources and webhook objects; returns their ids by name. Every
 * name carries "Secret" where the schema has a free-text name, so a leak shows in any answer.
 */
export async function createPlanningAndResourceFixtures(
  a: BatonClient,
  project: string,
): Promise<Record<string, string>> {
  const post = async (path: string, body: unknown): Promise<Id> =>
    must(await a.raw('post', `/api/v1${path}`, { body }), 201) as Id;
  /** task and dependency writes answer `{ task | dependency, schedule }` */
  const postIn = async (key: 'task' | 'dependency', path: string, body: unknown): Promise<Id> =>
    (must(await a.raw('post', `/api/v1${path}`, { body }), 201) as Record<typeof key, Id>)[key];

  // the webhook endpoint first: the events of everything below become its deliveries
  const webhook = await post('/webhooks/endpoints', {
    url: 'http://127.0.0.1:9/secret-hook-a', // a closed port: deliveries exist and fail
    eventTypes: ['*'],
    description: 'Secret hook A',
  });

  // planning
  const task = await postIn('task', `/projects/${project}/tasks`, { name: 'Secret task A', duration: 3 });
  const predecessor = await postIn('task', `/projects/${project}/tasks`, {
    name: 'Secret task A0',
    duration: 2,
  });
  const dependency = await postIn('dependency', `/tasks/${task.id}/dependencies`, {
    predecessorId: predecessor.id,
  });
  const calendar = await post('/calendars', { name: 'Secret calendar A' });
  const baseline = await post(`/projects/${project}/baselines`, { name: 'Secret baseline A' });
  const sprint = await post(`/projects/${project}/sprints`, {
    name: 'Secret sprint A',
    startDate: WEEK,
    endDate: '2027-01-15',
    capacity: 40,
  });
  const backlogItem = await post(`/projects/${project}/backlog-items`, {
    title: 'Secret story A',
    storyPoints: 5,
  });
  const changeRequest = await post(`/projects/${project}/change-requests`, {
    kind: 'scope',
    title: 'Secret change A',
  });

  // resources
  const skill = await post('/skills', { name: 'Secret skill A' });
  const person = await post('/people', {
    name: 'Secret person A',
    email: 'secret.person.a@example.com',
    department: DEPARTMENT,
    location: HOLIDAYS.location,
    skills: [{ skillId: skill.id, level: 4 }],
  });
  const leave = await post(`/people/${person.id}/leave`, {
    startDate: '2027-02-01',
    endDate: '2027-02-05',
    kind: 'vacation',
    note: 'Secret leave A',
  });
  must(
    await a.raw('put', `/api/v1/holidays/${HOLIDAYS.location}/${HOLIDAYS.year}`, {
      body: { holidays: [{ date: '2027-01-06', name: 'Secret holiday A' }] },
    }),
    200,
  );
  const team = await post('/teams', { name: 'Secret team A', memberIds: [person.id] });
  const asset = await post('/assets', { kind: 'room', name: 'Secret room A', capacity: 8, unit: 'seats' });
  const vendor = await post('/vendors', { name: 'Secret vendor A' });
  const contract = await post(`/vendors/${vendor.id}/contracts`, {
    reference: 'SECRET-PO-A',
    startDate: WEEK,
    endDate: '2027-12-31',
    currency: 'EUR',
    roles: [{ role: 'Secret consultant A', hourlyRate: 140, hoursPerMonth: 80 }],
  });
  const assignment = await post('/assignments', {
    personId: person.id,
    projectId: project,
    taskId: task.id,
    startDate: WEEK,
    endDate: '2027-01-15',
    units: 50,
  });
  const timesheet = must(
    await a.raw('put', `/api/v1/people/${person.id}/timesheets/${WEEK}`, {
      body: { entries: [{ projectId: project, date: WEEK, hours: 4, note: 'Secret work A' }] },
    }),
    200,
  ) as Id;

  // a leveling run, of a project with a start date (leveling needs dates)
  const leveledProject = await post('/projects', { name: 'Secret leveled project A', startDate: WEEK });
  const levelingRun = await post(`/projects/${leveledProject.id}/leveling-runs`, { budgetMs: 50 });

  // a delivery of the endpoint: written by the gateway's event consumer, so wait for it
  let delivery = '';
  await waitFor(
    async () => {
      const res = await a.raw('get', `/api/v1/webhooks/endpoints/${webhook.id}/deliveries`);
      const items = (res.data as { items?: Id[] } | undefined)?.items ?? [];
      delivery = items[0]?.id ?? '';
      return delivery !== '';
    },
    { what: "a webhook delivery of tenant A's endpoint", timeoutMs: 15_000 },
  );

  return {
    webhook: webhook.id,
    delivery,
    task: task.id,
    predecessor: predecessor.id,
    dependency: dependency.id,
    calendar: calendar.id,
    baseline: baseline.id,
    sprint: sprint.id,
    backlogItem: backlogItem.id,
    changeRequest: changeRequest.id,
    skill: skill.id,
    person: person.id,
    leave: leave.id,
    team: team.id,
    asset: asset.id,
    vendor: vendor.id,
    contract: contract.id,
    assignment: assignment.id,
    timesheet: timesheet.id,
    leveledProject: leveledProject.id,
    levelingRun: levelingRun.id,
  };
}

/**
 * Tenant A's object behind each path parameter, by path prefix (then by parameter name). A path
 * parameter no rule covers falls back to a fresh uuid, and the "200 for a role holding the
 * permission" control fails for it: a new endpoint family must add its rule here.
 */
export function pathParamsFor(path: string, A: Record<string, string>): Record<string, string | undefined> {
  const v1 = '/api/v1';
  const byPrefix: Array<[string, Record<string, string | undefined>]> = [
    ['/portfolios/{id}', { id: A.portfolio }],
    ['/programmes/{id}', { id: A.programme }],
    ['/projects/{id}', { id: A.project }],
    ['/reporting/projects/{id}', { id: A.project }],
    ['/users/{id}', { id: A.user, assignmentId: A.roleAssignment }],
    ['/api-keys/{id}', { id: A.apiKey }],
    ['/tenants/{id}', { id: A.tenant }],
    ['/webhooks/endpoints/{id}', { id: A.webhook }],
    ['/webhooks/deliveries/{id}', { id: A.delivery }],
    ['/tasks/{id}', { id: A.task }],
    ['/dependencies/{id}', { id: A.dependency }],
    ['/calendars/{id}', { id: A.calendar }],
    ['/baselines/{id}', { id: A.baseline }],
    ['/backlog-items/{id}', { id: A.backlogItem }],
    ['/sprints/{id}', { id: A.sprint }],
    ['/change-requests/{id}', { id: A.changeRequest }],
    ['/people/{id}', { id: A.person, leaveId: A.leave }],
    ['/people/{personId}/timesheets/{weekStart}', { personId: A.person, weekStart: WEEK }],
    ['/holidays/{location}/{year}', HOLIDAYS],
    ['/vendors/{id}', { id: A.vendor }],
    ['/teams/{id}', { id: A.team }],
    ['/assignments/{id}', { id: A.assignment }],
    ['/projects/{projectId}/leveling-runs', { projectId: A.leveledProject }],
    ['/leveling-runs/{id}', { id: A.levelingRun }],
  ];
  const known = byPrefix.find(([prefix]) => path.startsWith(v1 + prefix))?.[1] ?? {};
  return { projectId: A.project, portfolioId: A.portfolio, programmeId: A.programme, userId: A.user, ...known };
}

/** the query an operation needs (its required query parameters), aimed at tenant A's objects */
export const QUERIES: Record<string, string> = {
  '/api/v1/capacity/load': `?scope=department&department=${DEPARTMENT}&from=${WEEK}&periods=2`,
  // one page of the log could be filled by the matrix's own refused writes: ask for A's creations
  '/api/v1/audit-events': '?operationId=createPerson&limit=100',
};

/**
 * Which of tenant A's objects each top-level list shows tenant A (the control that makes "tenant
 * B's list holds none of them" meaningful). `null`: the answer holds no tenant objects at all.
 */
export const LISTED: Record<string, string | null> = {
  '/api/v1/portfolios': 'portfolio',
  '/api/v1/programmes': 'programme',
  '/api/v1/projects': 'project',
  '/api/v1/reporting/projects': 'project',
  '/api/v1/users': 'user',
  '/api/v1/api-keys': 'apiKey',
  '/api/v1/tenants': 'tenant',
  '/api/v1/webhooks/endpoints': 'webhook',
  '/api/v1/calendars': 'calendar',
  '/api/v1/skills': 'skill',
  '/api/v1/people': 'person',
  '/api/v1/teams': 'team',
  '/api/v1/assets': 'asset',
  '/api/v1/vendors': 'vendor',
  '/api/v1/assignments': 'assignment',
  '/api/v1/timesheets': 'timesheet',
  '/api/v1/capacity/load': 'person',
  '/api/v1/audit-events': 'person', // A's POST /people is audited with the new person as its target
  '/api/v1/webhooks/event-types': null,
  '/api/v1/system/status': null,
  '/api/v1/settings': null,
};
