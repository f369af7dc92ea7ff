// Roles assigned for one project, on routes that address that project's objects by their own id
// (/tasks/{id}, /sprints/{id}, …): the gateway asks the owning service for the object's project
// and applies the caller's roles there. Real gateway, planning and resources.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PROBLEM_JSON, useResourcesPlatform } from './support/resources-platform.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

/** the objects of one project, created by the tenant's PMO admin */
interface ProjectObjects {
  project: string;
  task: string;
  task2: string;
  dependency: string;
  baseline: string;
  sprint: string;
  backlogItem: string;
  backlogItem2: string;
  changeRequest: string;
  levelingRun: string;
  assignment: string;
}

describe('project-scoped roles on objects addressed by their own id', () => {
  const p = useResourcesPlatform();
  const { post } = p;
  const call = (method: Method, path: string, token: string, body?: object) => {
    const req = request(p.gw.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    return body ? req.send(body) : req;
  };

  /** the body of a 201, or a failure that shows what the API answered */
  const created = async (req: request.Test) => {
    const res = await req;
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function objectsOf(name: string, as = p.admin): Promise<ProjectObjects> {
    const project = (await created(post('/projects', { name, startDate: '2027-01-04' }, as))).id as string;
    const task = (await created(post(`/projects/${project}/tasks`, { name: 'Build', duration: 3 }, as))).task
      .id as string;
    const task2 = (await created(post(`/projects/${project}/tasks`, { name: 'Test', duration: 2 }, as))).task
      .id as string;
    const dependency = (await created(post(`/tasks/${task2}/dependencies`, { predecessorId: task }, as)))
      .dependency.id as string;
    const baseline = (await created(post(`/projects/${project}/baselines`, { name: 'Plan' }, as)))
      .id as string;
    const sprint = (
      await created(
        post(
          `/projects/${project}/sprints`,
          { name: 'S1', startDate: '2027-01-04', endDate: '2027-01-15', capacity: 20 },
          as,
        ),
      )
    ).id as string;
    const backlogItem = (
      await created(post(`/projects/${project}/backlog-items`, { title: 'Login', storyPoints: 3 }, as))
    ).id as string;
    const backlogItem2 = (await created(post(`/projects/${project}/backlog-items`, { title: 'Logout' }, as)))
      .id as string;
    const changeRequest = (
      await created(post(`/projects/${project}/change-requests`, { kind: 'scope', title: 'More' }, as))
    ).id as string;
    const levelingRun = (await created(post(`/projects/${project}/leveling-runs`, { budgetMs: 50 }, as)))
      .id as string;
    const person = (
      await post('/people', { name: `${name} dev`, email: `${randomUUID()}@x.example` }, as).expect(201)
    ).body.id as string;
    const assignment = (
      await created(
        post(
          '/assignments',
          { personId: person, projectId: project, units: 20, startDate: '2027-02-01', endDate: '2027-02-26' },
          as,
        ),
      )
    ).id as string;
    return {
      project,
      task,
      task2,
      dependency,
      baseline,
      sprint,
      backlogItem,
      backlogItem2,
      changeRequest,
      levelingRun,
      assignment,
    };
  }

  let P1: ProjectObjects;
  let P2: ProjectObjects;
  let foreign: ProjectObjects;
  let carol = ''; // project manager on P1 only, no tenant-wide role
  let vic = ''; // viewer on P1 only

  /** a user of tenant A whose only roles are the given ones on one project */
  async function projectScoped(sub: string, role: string, projectId: string): Promise<string> {
    await post('/users', { subject: sub, roles: [{ role, projectId }] }).expect(201);
    return p.gw.token({ sub, roles: [] });
  }

  // two projects of tenant A, one of tenant B, and users whose only roles are on P1
  beforeAll(async () => {
    P1 = await objectsOf('P1');
    P2 = await objectsOf('P2');
    foreign = await objectsOf('Theirs', p.other);
    carol = await projectScoped('carol', 'project-manager', P1.project);
    vic = await projectScoped('vic', 'viewer', P1.project);
  });

  /** reads on each kind (project:read) */
  const reads = (o: ProjectObjects): Array<[Method, string]> => [
    ['get', `/tasks/${o.task}`],
    ['get', `/baselines/${o.baseline}`],
    ['get', `/sprints/${o.sprint}`],
    ['get', `/backlog-items/${o.backlogItem}`],
    ['get', `/change-requests/${o.changeRequest}`],
    ['get', `/change-requests/${o.changeRequest}/history`],
    ['get', `/leveling-runs/${o.levelingRun}`],
    ['get', `/assignments/${o.assignment}`],
  ];
  /** changes that succeed for a project manager (schedule:write, change-request:submit) */
  const writes = (o: ProjectObjects): Array<[Method, string, object?]> => [
    ['patch', `/tasks/${o.task}`, { name: 'Build it' }],
    ['post', `/tasks/${o.task2}/move`, { parentId: null, position: 0 }],
    ['patch', `/dependencies/${o.dependency}`, { lag: 1 }],
    ['patch', `/sprints/${o.sprint}`, { goal: 'Ship login' }],
    ['post', `/sprints/${o.sprint}/items`, { itemIds: [o.backlogItem] }],
    ['patch', `/backlog-items/${o.backlogItem}`, { storyPoints: 5 }],
    ['post', `/backlog-items/${o.backlogItem}/move`, { afterId: o.backlogItem2 }],
    ['patch', `/change-requests/${o.changeRequest}`, { title: 'More scope' }],
    ['post', `/change-requests/${o.changeRequest}/submit`, {}],
    ['post', `/leveling-runs/${o.levelingRun}/discard`, {}],
    ['delete', `/dependencies/${o.dependency}`],
    ['delete', `/backlog-items/${o.backlogItem}`],
    ['delete', `/tasks/${o.task2}`],
  ];

  it("lets a project manager of P1 change P1's tasks, dependencies, sprints, backlog items, change requests and leveling runs", async () => {
    for (const [method, path] of reads(P1))
      expect([path, (await call(method, path, carol)).status]).toEqual([path, 200]);
    for (const [method, path, body] of writes(P1)) {
      const res = await call(method, path, carol, body);
      expect([method, path, res.status >= 200 && res.status < 300 ? 'ok' : res.status]).toEqual([
        method,
        path,
        'ok',
      ]);
    }
    // the role on P1 travels to the service with the request: the change request's history names it
    const history = await call('get', `/change-requests/${P1.changeRequest}/history`, carol).expect(200);
    expect(JSON.stringify(history.body)).toContain('project-manager');
  });

  it('refuses the same on P2 with 403 naming the permission', async () => {
    for (const [method, path, body] of [...writes(P2), ...reads(P2)]) {
      const res = await call(method, path, carol, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.detail).toMatch(/"(schedule:write|change-request:submit|project:read|resource:read)"/);
    }
  });

  it("answers 404 for another tenant's objects and unknown ids, and 400 for a malformed id", async () => {
    for (const [method, path, body] of [...writes(foreign), ...reads(foreign)]) {
      const res = await call(method, path, carol, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.detail).not.toMatch(/Theirs/);
    }
    // (leveling runs have no PATCH: a PATCH there is a 405 whatever the id, so they are read)
    for (const [method, path] of [
      ['patch', '/tasks'],
      ['patch', '/dependencies'],
      ['patch', '/sprints'],
      ['patch', '/backlog-items'],
      ['patch', '/change-requests'],
      ['get', '/leveling-runs'],
    ] as const) {
      const res = await call(method, `${path}/${randomUUID()}`, carol, method === 'patch' ? {} : undefined);
      expect([path, res.status]).toEqual([path, 404]);
    }
    const malformed = await call('patch', '/tasks/not-a-uuid', carol, { name: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('does not let a project manager decide change requests (change-request:decide) even on P1', async () => {
    const res = await call('post', `/change-requests/${P1.changeRequest}/approve`, carol, {});
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('"change-request:decide"');
  });

  it('lets a viewer of P1 read P1 objects but change none of them; P2 stays closed', async () => {
    const fresh = await objectsOf('P1 again');
    await post(`/users`, { subject: 'vic2', roles: [{ role: 'viewer', projectId: fresh.project }] }).expect(
      201,
    );
    const vic2 = await p.gw.token({ sub: 'vic2', roles: [] });
    for (const [method, path] of reads(fresh))
      expect([path, (await call(method, path, vic2)).status]).toEqual([path, 200]);
    for (const [method, path, body] of writes(fresh)) {
      const res = await call(method, path, vic2, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    for (const [method, path] of reads(P2))
      expect([path, (await call(method, path, vic)).status]).toEqual([path, 403]);
    // nothing changed: the task keeps its name
    expect((await call('get', `/tasks/${fresh.task}`, p.admin).expect(200)).body.name).toBe('Build');
  });

  it('leaves tenant-wide roles as they were', async () => {
    const viewer = await p.gw.token({ sub: 'tenant-viewer', roles: ['viewer'] });
    expect((await call('get', `/tasks/${P2.task}`, viewer)).status).toBe(200);
    expect((await call('patch', `/tasks/${P2.task}`, viewer, { name: 'x' })).status).toBe(403);
    // a tenant-wide viewer with no project role learns nothing from an unknown id: 403 as before
    expect((await call('patch', `/tasks/${randomUUID()}`, viewer, { name: 'x' })).status).toBe(403);
    const pm = await p.gw.token({ sub: 'tenant-pm', roles: ['project-manager'] });
    expect((await call('patch', `/tasks/${P2.task}`, pm, { name: 'Build again' })).status).toBe(200);
    expect((await call('patch', `/tasks/${foreign.task}`, pm, { name: 'x' })).status).toBe(404);
  });
});
