import { DemoTenants } from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { PROBLEM_JSON, startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';

/** Sprints, backlog and change control through the real gateway and the real planning service. */
describe('agile planning and change requests over HTTP (gateway → NATS → planning → Postgres)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let planning: INestApplicationContext;
  let pm: string;
  let sponsor: string;
  let stranger: string;
  let projectId: string;

  const api = () => request(gw.server);

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    gw = await startGateway(env);
    pm = `Bearer ${await gw.token({ sub: 'alice', roles: ['project-manager'] })}`;
    sponsor = `Bearer ${await gw.token({ sub: 'carol', roles: ['portfolio-manager'] })}`;
    stranger = `Bearer ${await gw.token({ tenantId: DemoTenants.other.id, sub: 'bob', roles: ['pmo-admin'] })}`;
    const project = await api()
      .post('/api/v1/projects')
      .set('Authorization', pm)
      .send({ name: 'Customer portal' });
    expect(project.status).toBe(201);
    projectId = project.body.id;
  });

  afterAll(async () => {
    await gw?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('runs a sprint end to end: items, commit within capacity, start, close, velocity', async () => {
    const created = await api()
      .post(`/api/v1/projects/${projectId}/sprints`)
      .set('Authorization', pm)
      .send({ name: 'Sprint 1', startDate: '2027-01-04', endDate: '2027-01-15', capacity: 10 });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/sprints/${created.body.id}`);
    expect(created.headers.etag).toBe('"1"');
    const sprintId = created.body.id as string;

    const items: string[] = [];
    for (const [title, storyPoints] of [
      ['Login', 5],
      ['Profile', 3],
      ['Search', 8],
    ] as const) {
      const res = await api()
        .post(`/api/v1/projects/${projectId}/backlog-items`)
        .set('Authorization', pm)
        .send({ title, storyPoints });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/backlog-items/${res.body.id}`);
      items.push(res.body.id);
    }

    const over = await api()
      .post(`/api/v1/sprints/${sprintId}/items`)
      .set('Authorization', pm)
      .send({ itemIds: items });
    expect(over.status).toBe(409);
    expect(over.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(over.body).toMatchObject({ code: 'CONFLICT', errors: [{ field: 'capacity' }] });

    const stale = await api()
      .post(`/api/v1/sprints/${sprintId}/items`)
      .set('Authorization', pm)
      .set('If-Match', '"7"')
      .send({ itemIds: items.slice(0, 2) });
    expect(stale.status).toBe(412);
    const committed = await api()
      .post(`/api/v1/sprints/${sprintId}/items`)
      .set('Authorization', pm)
      .set('If-Match', '"1"')
      .send({ itemIds: items.slice(0, 2) });
    expect(committed.status).toBe(200);
    expect(committed.headers.etag).toBe('"2"');
    expect(committed.body).toMatchObject({ committedPoints: 8, itemCount: 2, overCommitted: false });

    const item = await api().get(`/api/v1/backlog-items/${items[0]}`).set('Authorization', pm);
    expect(item.body.sprintId).toBe(sprintId);
    await api()
      .patch(`/api/v1/backlog-items/${items[0]}`)
      .set('Authorization', pm)
      .set('If-Match', item.headers.etag!)
      .send({ status: 'done' })
      .expect(200);

    const closeEarly = await api().post(`/api/v1/sprints/${sprintId}/close`).set('Authorization', pm);
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.detail).toContain('is planned');
    expect((await api().post(`/api/v1/sprints/${sprintId}/start`).set('Authorization', pm)).body.state).toBe(
      'active',
    );
    const closed = await api().post(`/api/v1/sprints/${sprintId}/close`).set('Authorization', pm);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', committedPoints: 8, completedPoints: 5 });

    const velocity = await api()
      .get(`/api/v1/projects/${projectId}/velocity?window=3`)
      .set('Authorization', pm);
    expect(velocity.status).toBe(200);
    expect(velocity.body).toMatchObject({
      window: 3,
      averageVelocity: 5,
      sprints: [{ sprintId, completedPoints: 5, rollingAverage: 5 }],
    });

    const backlog = await api()
      .get(`/api/v1/projects/${projectId}/backlog-items?unassigned=true&limit=1`)
      .set('Authorization', pm);
    expect(backlog.status).toBe(200);
    expect(backlog.body.items.map((i: { title: string }) => i.title)).toEqual(['Profile']);
    expect(backlog.headers.link).toMatch(/rel="next"/);
  });

  it('refuses overlapping sprints (409 naming the dates), bad dates and points (400 naming the field), foreign items (422)', async () => {
    const sprint = await api()
      .post(`/api/v1/projects/${projectId}/sprints`)
      .set('Authorization', pm)
      .send({ name: 'A', startDate: '2027-03-01', endDate: '2027-03-12', capacity: 5 })
      .expect(201);
    const otherProject = (
      await api().post('/api/v1/projects').set('Authorization', pm).send({ name: 'Other' })
    ).body.id as string;
    const overlap = await api()
      .post(`/api/v1/projects/${projectId}/sprints`)
      .set('Authorization', pm)
      .send({ name: 'B', startDate: '2027-03-10', endDate: '2027-03-20', capacity: 5 });
    expect(overlap.status).toBe(409);
    expect(overlap.body.errors.map((e: { field: string }) => e.field)).toEqual(['startDate', 'endDate']);
    const backwards = await api()
      .post(`/api/v1/projects/${projectId}/sprints`)
      .set('Authorization', pm)
      .send({ name: 'C', startDate: '2027-05-10', endDate: '2027-05-01', capacity: 5 });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'endDate' }] });
    const stranger = await api()
      .post(`/api/v1/projects/${otherProject}/backlog-items`)
      .set('Authorization', pm)
      .send({ title: 'elsewhere' });
    const notHere = await api()
      .post(`/api/v1/sprints/${sprint.body.id}/items`)
      .set('Authorization', pm)
      .send({ itemIds: [stranger.body.id] });
    expect(notHere.status).toBe(422);
    expect(notHere.body).toMatchObject({ code: 'UNPROCESSABLE', errors: [{ field: 'itemIds' }] });
    const points = await api()
      .post(`/api/v1/projects/${projectId}/backlog-items`)
      .set('Authorization', pm)
      .send({ title: 'x', storyPoints: 4 });
    expect(points.status).toBe(400);
    expect(points.body.errors).toEqual([expect.objectContaining({ field: 'storyPoints' })]);
  });

  it('takes a change request from draft to approved with an audit, and answers 409 naming the state for illegal moves', async () => {
    const created = await api()
      .post(`/api/v1/projects/${projectId}/change-requests`)
      .set('Authorization', pm)
      .send({ kind: 'schedule', title: 'Move go-live', scheduleImpactDays: 10 });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/change-requests/${created.body.id}`);
    const id = created.body.id as string;

    const early = await api().post(`/api/v1/change-requests/${id}/approve`).set('Authorization', sponsor);
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(early.body.detail).toContain('is draft');
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'state' })]);

    const submitted = await api()
      .post(`/api/v1/change-requests/${id}/submit`)
      .set('Authorization', pm)
      .set('If-Match', '"1"');
    expect(submitted.status).toBe(200);
    expect(submitted.headers.etag).toBe('"2"');
    const noReason = await api()
      .post(`/api/v1/change-requests/${id}/reject`)
      .set('Authorization', sponsor)
      .send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);
    const approved = await api()
      .post(`/api/v1/change-requests/${id}/approve`)
      .set('Authorization', sponsor)
      .send({ comment: 'agreed' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decidedBy: 'carol',
      submittedBy: 'alice',
      decisionComment: 'agreed',
    });
    const twice = await api()
      .post(`/api/v1/change-requests/${id}/reject`)
      .set('Authorization', sponsor)
      .send({ comment: 'too late' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain('is approved');

    const history = await api().get(`/api/v1/change-requests/${id}/history`).set('Authorization', pm);
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((h: { action: string; actorId: string }) => `${h.action}:${h.actorId}`),
    ).toEqual(['created:alice', 'submitted:alice', 'approved:carol']);
    const list = await api()
      .get(`/api/v1/projects/${projectId}/change-requests?state=approved`)
      .set('Authorization', pm);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('shows nothing of one tenant to another: 404 problem+json everywhere', async () => {
    const cr = await api()
      .post(`/api/v1/projects/${projectId}/change-requests`)
      .set('Authorization', pm)
      .send({ kind: 'scope', title: 'Secret' });
    const item = await api()
      .post(`/api/v1/projects/${projectId}/backlog-items`)
      .set('Authorization', pm)
      .send({ title: 'Secret item' });
    const sprints = await api().get(`/api/v1/projects/${projectId}/sprints`).set('Authorization', pm);
    const sprintId = sprints.body.items[0].id as string;
    for (const [method, path] of [
      ['get', `/api/v1/change-requests/${cr.body.id}`],
      ['get', `/api/v1/change-requests/${cr.body.id}/history`],
      ['post', `/api/v1/change-requests/${cr.body.id}/submit`],
      ['get', `/api/v1/backlog-items/${item.body.id}`],
      ['patch', `/api/v1/backlog-items/${item.body.id}`],
      ['get', `/api/v1/sprints/${sprintId}`],
      ['post', `/api/v1/sprints/${sprintId}/start`],
      ['get', `/api/v1/projects/${projectId}/sprints`],
      ['get', `/api/v1/projects/${projectId}/backlog-items`],
      ['get', `/api/v1/projects/${projectId}/change-requests`],
      ['get', `/api/v1/projects/${projectId}/velocity`],
    ] as const) {
      const call = api()[method](path).set('Authorization', stranger);
      const res = await (method === 'patch' ? call.send({ title: 'mine' }) : call);
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 404`);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    }
  });
});
