import { DemoTenants, PlanningEvents } from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';

const PROBLEM_JSON = /^application\/problem\+json/;

/** Scheduling through the gateway: real gateway, real planning, real Postgres and NATS. */
describe('planning and scheduling through the gateway', () => {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let gw: TestGateway;
  let auth: string;
  let other: string;
  /** portfolios are a portfolio manager's (a project manager may not create them) */
  let portfolioManager: string;

  const api = () => request(gw.server);
  const post = (path: string, body: object, token = auth) =>
    api().post(`/api/v1${path}`).set('Authorization', token).send(body);
  const patch = (path: string, body: object, token = auth) =>
    api().patch(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token = auth) => api().get(`/api/v1${path}`).set('Authorization', token);

  async function project(body: object = {}, token = auth): Promise<string> {
    const res = await post(
      '/projects',
      { name: 'Through the gateway', startDate: '2027-01-04', ...body },
      token,
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function task(projectId: string, body: object, token = auth) {
    const res = await post(`/projects/${projectId}/tasks`, { name: 'Task', ...body }, token);
    expect(res.status).toBe(201);
    return res.body.task as { id: string; version: number; start: string; finish: string; wbsCode: string };
  }

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    gw = await startGateway(env);
    auth = `Bearer ${await gw.token({ roles: ['project-manager'] })}`;
    other = `Bearer ${await gw.token({ tenantId: DemoTenants.other.id, roles: ['pmo-admin'] })}`;
    portfolioManager = `Bearer ${await gw.token({ roles: ['portfolio-manager'] })}`;
  });

  afterAll(async () => {
    await gw?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('creates a WBS, answers computed dates with a project summary, and keeps ETags', async () => {
    const p = await project();
    const phase = await task(p, { name: 'Phase', duration: 1 });
    const res = await post(`/projects/${p}/tasks`, { name: 'Design', parentId: phase.id, duration: 3 });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/tasks/${res.body.task.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.task).toMatchObject({
      wbsCode: '1.1',
      start: '2027-01-04',
      finish: '2027-01-06',
      critical: true,
    });
    expect(res.body.schedule).toMatchObject({
      projectId: p,
      finishDate: '2027-01-06',
      taskCount: 2,
      criticalTaskCount: 1,
    });

    const build = await task(p, { name: 'Build', parentId: phase.id, duration: 2 });
    const dep = await post(`/tasks/${build.id}/dependencies`, {
      predecessorId: res.body.task.id,
      type: 'FS',
      lag: 0,
    });
    expect(dep.status).toBe(201);
    expect(dep.body.schedule.finishDate).toBe('2027-01-08');

    const summary = await get(`/tasks/${phase.id}`);
    expect(summary.body).toMatchObject({
      kind: 'summary',
      start: '2027-01-04',
      finish: '2027-01-08',
      duration: 5,
    });

    const changed = await patch(`/tasks/${build.id}`, { duration: 4 }).set('If-Match', '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body.task).toMatchObject({ duration: 4, finish: '2027-01-12' });
    expect(changed.body.schedule).toMatchObject({ finishDate: '2027-01-12', changedTaskCount: 2 });
    const stale = await patch(`/tasks/${build.id}`, { duration: 5 }).set('If-Match', '"1"');
    expect(stale.status).toBe(412);

    const list = await get(`/projects/${p}/tasks?limit=2`);
    expect(list.body.items.map((t: { wbsCode: string }) => t.wbsCode)).toEqual(['1', '1.1']);
    expect(list.headers.link).toContain('cursor=');
    const next = await get(`/projects/${p}/tasks?limit=2&cursor=${list.body.nextCursor}`);
    expect(next.body.items.map((t: { wbsCode: string }) => t.wbsCode)).toEqual(['1.2']);
  });

  it('answers a cycle with 409 problem+json naming the tasks, an unknown task with 422, another tenant with 404', async () => {
    const p = await project();
    const a = await task(p, { name: 'Analyse' });
    const b = await task(p, { name: 'Build' });
    expect((await post(`/tasks/${b.id}/dependencies`, { predecessorId: a.id })).status).toBe(201);
    const cycle = await post(`/tasks/${a.id}/dependencies`, { predecessorId: b.id });
    expect(cycle.status).toBe(409);
    expect(cycle.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(cycle.body.code).toBe('CONFLICT');
    expect(cycle.body.detail).toMatch(/cycle: .*Analyse.*Build|cycle: .*Build.*Analyse/);

    const unknown = await post(`/tasks/${a.id}/dependencies`, {
      predecessorId: '0b6f6c1e-2a4d-4e8f-9c3b-5d7e9f1a3c5e',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'predecessorId' })]);

    const theirs = await project({}, other);
    const foreign = await task(theirs, { name: 'Foreign' }, other);
    const across = await post(`/tasks/${foreign.id}/dependencies`, { predecessorId: a.id });
    expect(across.status).toBe(404);
    expect(across.headers['content-type']).toMatch(PROBLEM_JSON);
    // the other direction: their task as our task's predecessor is not found either, and no link is made
    const inward = await post(`/tasks/${a.id}/dependencies`, { predecessorId: foreign.id });
    expect(inward.status).toBe(404);
    expect(inward.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(inward.body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(inward.body)).not.toContain('Foreign');
    expect((await get(`/projects/${p}/dependencies`)).body.items).toHaveLength(1);
    expect((await get(`/tasks/${a.id}`, other)).status).toBe(404);
    expect((await get(`/projects/${p}/schedule`, other)).status).toBe(404);

    const bad = await post(`/tasks/${a.id}/dependencies`, { predecessorId: b.id, type: 'XX', lag: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lag', 'type']);
  });

  it('maps working days to dates through the project calendar (weekends, holidays, working exceptions)', async () => {
    const cal = await post('/calendars', {
      name: 'Office',
      workingDays: [1, 2, 3, 4, 5],
      holidays: ['2027-01-06'],
      exceptions: [{ date: '2027-01-09', working: true, name: 'Release Saturday' }],
    });
    expect(cal.status).toBe(201);
    const p = await project();
    const t = await task(p, { name: 'Four days', duration: 4 });
    expect(t).toMatchObject({ start: '2027-01-04', finish: '2027-01-07' });
    const set = await patch(`/projects/${p}/schedule`, { calendarId: cal.body.id });
    expect(set.status).toBe(200);
    // Mon 4, Tue 5, (holiday Wed 6), Thu 7, Fri 8
    expect((await get(`/tasks/${t.id}`)).body).toMatchObject({ start: '2027-01-04', finish: '2027-01-08' });
    const longer = await patch(`/tasks/${t.id}`, { duration: 5 });
    expect(longer.body.task.finish).toBe('2027-01-09'); // the working Saturday

    const moved = await patch(`/calendars/${cal.body.id}`, { holidays: [] }).set('If-Match', '"1"');
    expect(moved.status).toBe(200);
    expect(moved.body.rescheduledProjects).toBe(1);
    // the answer carries the new dates, as every change does
    expect(moved.body.schedules).toEqual([
      expect.objectContaining({ projectId: p, finishDate: '2027-01-08', criticalTaskCount: 1 }),
    ]);
    expect((await get(`/tasks/${t.id}`)).body.finish).toBe('2027-01-08');

    const schedule = await get(`/projects/${p}/schedule`);
    expect(schedule.body).toMatchObject({
      calendar: { id: cal.body.id, name: 'Office' },
      summary: { finishDate: '2027-01-08' },
    });
  });

  it('shows variance against a named baseline and recomputes from the status date', async () => {
    const p = await project();
    const a = await task(p, { name: 'A', duration: 2 });
    const b = await task(p, { name: 'B', duration: 3 });
    await post(`/tasks/${b.id}/dependencies`, { predecessorId: a.id });
    const saved = await post(`/projects/${p}/baselines`, { name: 'Approved' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      name: 'Approved',
      taskCount: 2,
      startDate: '2027-01-04',
      finishDate: '2027-01-08',
    });
    expect((await post(`/projects/${p}/baselines`, { name: 'Approved' })).status).toBe(409);

    await patch(`/tasks/${a.id}`, { duration: 4 });
    const withVariance = await get(`/tasks/${b.id}?baseline=Approved`);
    expect(withVariance.body.variance).toMatchObject({
      baseline: 'Approved',
      start: 2,
      finish: 2,
      duration: 0,
      baselineFinish: '2027-01-08',
    });
    const byId = await get(`/projects/${p}/tasks?baseline=${saved.body.id}`);
    expect(byId.body.items[0].variance).toMatchObject({ start: 0, finish: 2, duration: 2 });
    expect((await get(`/projects/${p}/tasks?baseline=nope`)).status).toBe(422);

    // progress: A started on time and is half done on Wed 6; B cannot start before the status date passes
    await patch(`/tasks/${a.id}`, { actualStart: '2027-01-04', remainingDuration: 3 });
    const status = await patch(`/projects/${p}/schedule`, { statusDate: '2027-01-06' });
    expect(status.status).toBe(200);
    expect((await get(`/tasks/${a.id}`)).body).toMatchObject({ start: '2027-01-04', finish: '2027-01-11' });
    expect((await get(`/tasks/${b.id}`)).body.start).toBe('2027-01-12');

    const db = planning.get(DataSource);
    const subjects = (await db.query(
      `SELECT subject FROM planning.outbox WHERE payload->'data'->>'projectId' = $1 OR payload->'data'->>'successorProjectId' = $1 OR payload->'aggregate'->>'id' = $1`,
      [p],
    )) as {
      subject: string;
    }[];
    const seen = new Set(subjects.map((s) => s.subject));
    for (const e of [
      PlanningEvents.taskCreated,
      PlanningEvents.taskUpdated,
      PlanningEvents.dependencyCreated,
      PlanningEvents.scheduleRecomputed,
      PlanningEvents.baselineSaved,
    ]) {
      expect(seen).toContain(e.subject);
    }
  });

  it('forecasts work under way from its percent complete unless a remaining duration is given', async () => {
    const p = await project();
    const a = await task(p, { name: 'Migrate', duration: 10 }); // Mon 4 – Fri 15 Jan
    // status on Wed 6: work resumes on Thu 7 (offset 3)
    expect((await patch(`/projects/${p}/schedule`, { statusDate: '2027-01-06' })).status).toBe(200);
    const started = await patch(`/tasks/${a.id}`, { actualStart: '2027-01-04' });
    expect(started.body.task.finish).toBe('2027-01-15'); // 0 %: ten days less the three elapsed

    // 60 % of 10 days done: 4 left from Thu 7 → Thu 7, Fri 8, Mon 11, Tue 12
    const sixty = await patch(`/tasks/${a.id}`, { percentComplete: 60 });
    expect(sixty.body.task).toMatchObject({
      percentComplete: 60,
      remainingDuration: null,
      finish: '2027-01-12',
    });
    // 95 %: half a day left is still a day of work
    expect((await patch(`/tasks/${a.id}`, { percentComplete: 95 })).body.task.finish).toBe('2027-01-07');
    // a remaining duration given with the percentage wins over it
    const given = await patch(`/tasks/${a.id}`, { percentComplete: 50, remainingDuration: 2 });
    expect(given.body.task).toMatchObject({ remainingDuration: 2, finish: '2027-01-08' });
    // and is dropped by the next percentage reported alone
    expect((await patch(`/tasks/${a.id}`, { percentComplete: 80 })).body.task).toMatchObject({
      remainingDuration: null,
      finish: '2027-01-08',
    });
    // finished work has nothing left
    const done = await patch(`/tasks/${a.id}`, { actualFinish: '2027-01-08' });
    expect(done.body.task).toMatchObject({
      percentComplete: 100,
      remainingDuration: 0,
      finish: '2027-01-08',
    });
  });

  it('links projects of one portfolio (the successor project follows) and refuses projects of two portfolios', async () => {
    const portfolio = (await post('/portfolios', { name: 'Programme' }, portfolioManager).expect(201)).body
      .id as string;
    const elsewhere = (await post('/portfolios', { name: 'Elsewhere' }, portfolioManager).expect(201)).body
      .id as string;
    const up = await project({ portfolioId: portfolio, code: 'UP-01' });
    const down = await project({ portfolioId: portfolio, code: 'DOWN-01', startDate: '2027-01-11' });
    const away = await project({ portfolioId: elsewhere });
    const api1 = await task(up, { name: 'API', duration: 10 });
    const ui = await task(down, { name: 'UI', duration: 2 });
    const link = await post(`/tasks/${ui.id}/dependencies`, { predecessorId: api1.id });
    expect(link.status).toBe(201);
    expect(link.body.dependency.crossProject).toBe(true);
    expect((await get(`/tasks/${ui.id}`)).body.start).toBe('2027-01-18');

    const longer = await patch(`/tasks/${api1.id}`, { duration: 12 });
    expect(longer.body.schedule.linkedProjectIds).toEqual([down]);
    expect((await get(`/tasks/${ui.id}`)).body.start).toBe('2027-01-20');

    const other = await task(away, { name: 'Other' });
    const refused = await post(`/tasks/${other.id}/dependencies`, { predecessorId: api1.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('predecessorId');

    const back = await post(`/tasks/${api1.id}/dependencies`, { predecessorId: ui.id });
    expect(back.status).toBe(409);
    // WBS codes repeat across projects, so a cycle through two names each task's project
    expect(back.body.detail).toContain('cycle: UP-01 1 API → DOWN-01 1 UI → UP-01 1 API');

    // deleting the predecessor task takes its dependency with it and frees the downstream project
    const gone = await api().delete(`/api/v1/tasks/${api1.id}`).set('Authorization', auth);
    expect(gone.status).toBe(200);
    expect(gone.body.schedule.linkedProjectIds).toEqual([down]);
    expect((await get(`/tasks/${ui.id}`)).body.start).toBe('2027-01-11');
    const deleted = await planning
      .get(DataSource)
      .query(`SELECT 1 FROM planning.outbox WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`, [
        PlanningEvents.dependencyDeleted.subject,
        link.body.dependency.id,
      ]);
    expect(deleted).toHaveLength(1);
  });
});
