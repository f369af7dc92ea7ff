// The gateway's backlog, sprint and change-request endpoints against a stand-in planning service
// answering those subjects over real NATS: what reaches planning (path ids, If-Match as
// expectedVersion, validated bodies), what comes back (status, ETag, Location, Link,
// problem+json), and which permission each handler declares.
import { BaseConfig, loadConfig } from '@baton/platform';
import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { REQUIRED_PERMISSION } from '../auth/permissions.js';
import { BacklogController } from '../backlog/backlog.controller.js';
import { ChangeRequestsController } from '../change-requests/change-requests.controller.js';
import { SprintsController } from '../sprints/sprints.controller.js';
import { project, StandInAgile, StandInAgileModule } from './agile-stand-in.js';
import {
  CURRENT_VERSION,
  Ids,
  PROBLEM_JSON,
  startGateway,
  type RecordedCall,
  type TestGateway,
} from './support.js';

describe('gateway: backlog, sprints and change requests (stand-in planning over real NATS)', () => {
  let env: TestEnvironment;
  let standIn: INestApplicationContext;
  let gw: TestGateway;
  let auth: string;
  let calls: RecordedCall[];

  beforeAll(async () => {
    env = await createTestEnvironment();
    standIn = await NestFactory.createApplicationContext(
      StandInAgileModule.register(loadConfig(BaseConfig, env.env())),
      { logger: false },
    );
    await standIn.init();
    calls = standIn.get(StandInAgile).calls;
    gw = await startGateway(env);
    auth = `Bearer ${await gw.token({ sub: 'alice', roles: ['portfolio-manager'] })}`;
  });

  afterAll(async () => {
    await gw?.close();
    await standIn?.close();
    await env?.dispose();
  });

  beforeEach(() => {
    calls.length = 0;
  });

  const last = () => calls.at(-1)!;

  it('declares the permission of every handler: schedule:write / project:read / change-request:submit|decide', () => {
    // the metadata is the permission itself, or `{ permission, ...options }` where routes name a project
    const permissionOf = (meta: unknown) =>
      typeof meta === 'object' && meta !== null ? (meta as { permission: string }).permission : meta;
    const of = (cls: { prototype: object }) =>
      Object.fromEntries(
        Object.getOwnPropertyNames(cls.prototype)
          .filter((m) => m !== 'constructor')
          .map((m) => [
            m,
            permissionOf(
              Reflect.getMetadata(REQUIRED_PERMISSION, (cls.prototype as Record<string, object>)[m]!),
            ),
          ])
          .filter(([, p]) => p !== undefined),
      );
    expect(of(BacklogController)).toEqual({
      create: 'schedule:write',
      list: 'project:read',
      get: 'project:read',
      update: 'schedule:write',
      move: 'schedule:write',
      delete: 'schedule:write',
    });
    expect(of(SprintsController)).toEqual({
      create: 'schedule:write',
      list: 'project:read',
      velocity: 'project:read',
      get: 'project:read',
      update: 'schedule:write',
      start: 'schedule:write',
      close: 'schedule:write',
      commit: 'schedule:write',
    });
    expect(of(ChangeRequestsController)).toEqual({
      create: 'change-request:submit',
      list: 'project:read',
      get: 'project:read',
      history: 'project:read',
      update: 'change-request:submit',
      submit: 'change-request:submit',
      approve: 'change-request:decide',
      reject: 'change-request:decide',
    });
  });

  it("creates a sprint: the path's project id joins the body, 201 with Location and ETag, the token's tenant and actor travel", async () => {
    const res = await request(gw.server)
      .post(`/api/v1/projects/${project}/sprints`)
      .set('Authorization', auth)
      .send({ name: 'Sprint 1', startDate: '2027-01-04', endDate: '2027-01-15', capacity: 20 });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/sprints/${Ids.existing}`);
    expect(res.headers.etag).toBe('"1"');
    expect(last()).toMatchObject({
      handler: 'sprintCreate',
      payload: {
        projectId: project,
        name: 'Sprint 1',
        startDate: '2027-01-04',
        endDate: '2027-01-15',
        capacity: 20,
      },
      ctx: { actor: { id: 'alice', roles: ['portfolio-manager'] } },
    });
  });

  it('refuses bad bodies and parameters with 400 naming the field, before planning is asked', async () => {
    const cases: [string, string, object, string][] = [
      [
        'post',
        `/api/v1/projects/${project}/sprints`,
        { name: 'S', startDate: '2027-02-30', endDate: '2027-03-10', capacity: 5 },
        'startDate',
      ],
      [
        'post',
        `/api/v1/projects/${project}/sprints`,
        { name: 'S', startDate: '2027-03-01', endDate: '2027-03-10', capacity: 1.5 },
        'capacity',
      ],
      [
        'post',
        `/api/v1/projects/not-a-uuid/sprints`,
        { name: 'S', startDate: '2027-03-01', endDate: '2027-03-10', capacity: 5 },
        'projectId',
      ],
      ['post', `/api/v1/projects/${project}/backlog-items`, { title: 'x', storyPoints: 4 }, 'storyPoints'],
      [
        'post',
        `/api/v1/projects/${project}/backlog-items`,
        { title: 'x', projectId: Ids.missing },
        'projectId',
      ],
      ['post', `/api/v1/sprints/${Ids.existing}/items`, { itemIds: [] }, 'itemIds'],
      ['post', `/api/v1/sprints/${Ids.existing}/items`, { itemIds: ['nope'] }, 'itemIds'],
      ['post', `/api/v1/projects/${project}/change-requests`, { kind: 'budget', title: 'x' }, 'kind'],
      [
        'post',
        `/api/v1/projects/${project}/change-requests`,
        { kind: 'cost', title: 'x', costImpact: { amount: 5, currency: 'eur' } },
        'costImpact.currency',
      ],
      ['post', `/api/v1/change-requests/${Ids.existing}/reject`, {}, 'comment'],
      ['post', `/api/v1/change-requests/${Ids.existing}/approve`, { rebaseline: 'yes' }, 'rebaseline'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await (request(gw.server) as unknown as Record<string, (p: string) => request.Test>)[
        method
      ]!(path)
        .set('Authorization', auth)
        .send(body);
      expect(`${path} ${JSON.stringify(body)} → ${res.status}`).toMatch(/→ 400$/);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const velocity = await request(gw.server)
      .get(`/api/v1/projects/${project}/velocity?window=0`)
      .set('Authorization', auth);
    expect(velocity.status).toBe(400);
    expect(velocity.body.errors[0].field).toBe('window');
    expect(calls).toHaveLength(0);
  });

  it('sends If-Match as expectedVersion on transitions and answers the new ETag; a stale one is 412', async () => {
    const res = await request(gw.server)
      .post(`/api/v1/sprints/${Ids.existing}/start`)
      .set('Authorization', auth)
      .set('If-Match', `"${CURRENT_VERSION}"`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${CURRENT_VERSION + 1}"`);
    expect(last()).toMatchObject({
      handler: 'sprintStart',
      payload: { id: Ids.existing, expectedVersion: CURRENT_VERSION },
    });
    const stale = await request(gw.server)
      .post(`/api/v1/sprints/${Ids.existing}/start`)
      .set('Authorization', auth)
      .set('If-Match', '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    const bad = await request(gw.server)
      .post(`/api/v1/sprints/${Ids.existing}/start`)
      .set('Authorization', auth)
      .set('If-Match', 'v1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('If-Match');

    await request(gw.server)
      .patch(`/api/v1/backlog-items/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-Match', 'W/"1"')
      .send({ sprintId: null })
      .expect(200);
    expect(last()).toMatchObject({
      handler: 'backlogItemUpdate',
      payload: { id: Ids.existing, expectedVersion: 1, changes: { sprintId: null } },
    });
    await request(gw.server)
      .post(`/api/v1/backlog-items/${Ids.existing}/move`)
      .set('Authorization', auth)
      .send({ beforeId: Ids.missing })
      .expect(200);
    expect(last().payload).toEqual({ id: Ids.existing, beforeId: Ids.missing });
    await request(gw.server)
      .post(`/api/v1/sprints/${Ids.existing}/items`)
      .set('Authorization', auth)
      .send({ itemIds: [Ids.missing], allowOverCapacity: true })
      .expect(200);
    expect(last().payload).toEqual({ id: Ids.existing, itemIds: [Ids.missing], allowOverCapacity: true });
  });

  it('maps a state conflict to 409 problem+json naming the state', async () => {
    const res = await request(gw.server)
      .post(`/api/v1/sprints/${Ids.existing}/close`)
      .set('Authorization', auth);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({
      code: 'CONFLICT',
      detail: expect.stringContaining('is planned'),
      errors: [{ field: 'state' }],
    });
  });

  it('gets a sprint with its ETag (304 on If-None-Match) and 404 for one that is not in the tenant', async () => {
    const res = await request(gw.server).get(`/api/v1/sprints/${Ids.existing}`).set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${CURRENT_VERSION}"`);
    const again = await request(gw.server)
      .get(`/api/v1/sprints/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
    const missing = await request(gw.server).get(`/api/v1/sprints/${Ids.missing}`).set('Authorization', auth);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', detail: `sprint ${Ids.missing} was not found` });
  });

  it('lists with a Link to the next page, for sprints and for the decision audit', async () => {
    const res = await request(gw.server)
      .get(`/api/v1/projects/${project}/sprints?state=planned,active&limit=1`)
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.headers.link).toBe(
      `</api/v1/projects/${project}/sprints?state=planned%2Cactive&limit=1&cursor=page-2>; rel="next"`,
    );
    expect(last().payload).toEqual({ projectId: project, state: ['planned', 'active'], limit: 1 });
    const history = await request(gw.server)
      .get(`/api/v1/change-requests/${Ids.existing}/history?limit=5`)
      .set('Authorization', auth);
    expect(history.status).toBe(200);
    expect(history.headers.link).toBe(
      `</api/v1/change-requests/${Ids.existing}/history?limit=5&cursor=h-2>; rel="next"`,
    );
    expect(last().payload).toEqual({ id: Ids.existing, limit: 5 });
    expect(
      (
        await request(gw.server)
          .get(`/api/v1/change-requests/${Ids.missing}/history`)
          .set('Authorization', auth)
      ).status,
    ).toBe(404);
  });

  it('approves with or without a body, rejects with a reason, and deletes with 204', async () => {
    const bare = await request(gw.server)
      .post(`/api/v1/change-requests/${Ids.existing}/approve`)
      .set('Authorization', auth);
    expect(bare.status).toBe(200);
    expect(bare.headers.etag).toBe('"3"');
    expect(last().payload).toEqual({ id: Ids.existing });
    await request(gw.server)
      .post(`/api/v1/change-requests/${Ids.existing}/approve`)
      .set('Authorization', auth)
      .set('If-Match', '"2"')
      .send({ comment: 'ok', rebaseline: true, baselineName: 'After CR-7' })
      .expect(200);
    expect(last().payload).toEqual({
      id: Ids.existing,
      expectedVersion: 2,
      comment: 'ok',
      rebaseline: true,
      baselineName: 'After CR-7',
    });
    await request(gw.server)
      .post(`/api/v1/change-requests/${Ids.existing}/reject`)
      .set('Authorization', auth)
      .send({ comment: 'no' })
      .expect(200);
    expect(last().payload).toEqual({ id: Ids.existing, comment: 'no' });
    const del = await request(gw.server)
      .delete(`/api/v1/backlog-items/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-Match', '"1"');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(last()).toMatchObject({
      handler: 'backlogItemDelete',
      payload: { id: Ids.existing, expectedVersion: 1 },
    });
  });

  it('documents the new operations in the OpenAPI document', async () => {
    const doc = (await request(gw.server).get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops).toEqual(
      expect.arrayContaining([
        'createSprint',
        'listSprints',
        'getSprint',
        'updateSprint',
        'startSprint',
        'closeSprint',
        'commitSprintItems',
        'getVelocity',
        'createBacklogItem',
        'listBacklogItems',
        'moveBacklogItem',
        'deleteBacklogItem',
        'createChangeRequest',
        'submitChangeRequest',
        'approveChangeRequest',
        'rejectChangeRequest',
        'getChangeRequestHistory',
      ]),
    );
    expect(doc.paths['/api/v1/projects/{projectId}/sprints']).toBeDefined();
  });
});
