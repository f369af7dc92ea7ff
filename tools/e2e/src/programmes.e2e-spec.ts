import { DemoTenants } from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';

const PROBLEM_JSON = /^application\/problem\+json/;

/** Programmes through the real gateway and planning: the HTTP surface, its rules and its bad input. */
describe('programmes through the gateway', () => {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let gw: TestGateway;
  const auth: Record<'manager' | 'pm' | 'viewer' | 'admin' | 'other', string> = {} as never;
  let portfolio: string;
  let elsewhere: string;

  const api = () => request(gw.server);
  const post = (path: string, body: object, token = auth.manager) =>
    api().post(`/api/v1${path}`).set('Authorization', token).send(body);
  const patch = (path: string, body: object, token = auth.manager) =>
    api().patch(`/api/v1${path}`).set('Authorization', token).send(body);
  const get = (path: string, token = auth.manager) => api().get(`/api/v1${path}`).set('Authorization', token);
  const expectProblem = (res: request.Response, status: number, field?: string) => {
    expect({ status: res.status, code: res.body.code }).toMatchObject({ status });
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body.status).toBe(status);
    if (field) expect(res.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    gw = await startGateway(env);
    auth.manager = `Bearer ${await gw.token({ sub: 'carol', roles: ['portfolio-manager'] })}`;
    auth.pm = `Bearer ${await gw.token({ roles: ['project-manager'] })}`;
    auth.viewer = `Bearer ${await gw.token({ roles: ['viewer'] })}`;
    auth.admin = `Bearer ${await gw.token({ roles: ['pmo-admin'] })}`;
    auth.other = `Bearer ${await gw.token({ tenantId: DemoTenants.other.id, roles: ['pmo-admin'] })}`;
    portfolio = (await post('/portfolios', { name: 'Enterprise' }).expect(201)).body.id;
    elsewhere = (await post('/portfolios', { name: 'Elsewhere' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await gw?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('creates (201, Location, ETag), reads (ETag, 304), changes with If-Match (412 when stale) and archives a programme', async () => {
    const created = await post('/programmes', { name: 'Cloud migration', code: 'CLOUD', portfolioId: portfolio });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/programmes/${created.body.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'Cloud migration', code: 'CLOUD', portfolioId: portfolio, status: 'active' });
    const id = created.body.id as string;

    const got = await get(`/programmes/${id}`, auth.viewer).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(created.body);
    await get(`/programmes/${id}`).set('If-None-Match', '"1"').expect(304);

    const changed = await patch(`/programmes/${id}`, { description: 'Out of the data centre' }).set('If-Match', '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expectProblem(await patch(`/programmes/${id}`, { name: 'Stale' }).set('If-Match', '"1"'), 412);

    const archived = await post(`/programmes/${id}/archive`, {}).set('If-Match', '"2"');
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived', version: 3 });
    expectProblem(await patch(`/programmes/${id}`, { name: 'Too late' }), 409);
  });

  it('lists with a portfolio filter, sort, cursor pages with a Link header, and sparse fields', async () => {
    for (const name of ['List B', 'List A', 'List C']) await post('/programmes', { name, portfolioId: elsewhere }).expect(201);
    const first = await get(`/programmes?portfolioId=${elsewhere}&sort=name&limit=2&fields=name`).expect(200);
    expect(first.body.items).toEqual([
      { id: expect.any(String), name: 'List A' },
      { id: expect.any(String), name: 'List B' },
    ]);
    expect(first.headers.link).toMatch(/rel="next"/);
    const next = await get(
      `/programmes?portfolioId=${elsewhere}&sort=name&limit=2&fields=name&cursor=${first.body.nextCursor}`,
    ).expect(200);
    expect(next.body).toEqual({ items: [{ id: expect.any(String), name: 'List C' }], nextCursor: null });
    const all = await get(`/programmes?portfolioId=${elsewhere}&sort=-name`).expect(200);
    expect(all.body.items.map((g: { name: string }) => g.name)).toEqual(['List C', 'List B', 'List A']);
    expect(all.body.items[0]).toMatchObject({ portfolioId: elsewhere, version: 1, status: 'active' });
  });

  it('answers bad input with problem+json naming the field', async () => {
    expectProblem(await post('/programmes', { name: 'No portfolio' }), 400, 'portfolioId');
    expectProblem(await post('/programmes', { name: 'x', portfolioId: 'nope' }), 400, 'portfolioId');
    expectProblem(await post('/programmes', { name: 'x', portfolioId: portfolio, code: 'lower' }), 400, 'code');
    expectProblem(await post('/programmes', { name: '', portfolioId: portfolio }), 400, 'name');
    expectProblem(await post('/programmes', { name: 'x', portfolioId: portfolio, version: 7 }), 400, 'version');
    const unknown = await post('/programmes', { name: 'x', portfolioId: '7d1e3f5a-9b2c-4d6e-8f0a-1b3c5d7e9f2a' });
    expectProblem(unknown, 400, 'portfolioId');
    expectProblem(await get('/programmes?fields=secret'), 400, 'fields');
    expectProblem(await get('/programmes?sort=code'), 400, 'sort');
    expectProblem(await get('/programmes/not-a-uuid'), 400);
    expectProblem(await get('/programmes/7d1e3f5a-9b2c-4d6e-8f0a-1b3c5d7e9f2a'), 404);
    await post('/programmes', { name: 'Coded', portfolioId: portfolio, code: 'DUP-PRG' }).expect(201);
    expectProblem(await post('/programmes', { name: 'Again', portfolioId: portfolio, code: 'DUP-PRG' }), 409);
  });

  it('puts projects in a programme: portfolio from the programme, 422 for another portfolio, ?programmeId= filter, 409 when moving it', async () => {
    const g = (await post('/programmes', { name: 'Members', portfolioId: portfolio }).expect(201)).body.id as string;
    const p = await post('/projects', { name: 'Member project', programmeId: g }, auth.pm);
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ programmeId: g, portfolioId: portfolio });
    expect((await get(`/projects/${p.body.id}`, auth.pm).expect(200)).body.programmeId).toBe(g);

    const conflict = await post('/projects', { name: 'Torn', programmeId: g, portfolioId: elsewhere }, auth.pm);
    expectProblem(conflict, 422, 'portfolioId');
    expect(conflict.body.code).toBe('UNPROCESSABLE');
    expectProblem(await patch(`/projects/${p.body.id}`, { portfolioId: elsewhere }, auth.pm), 422, 'portfolioId');
    const unknown = await post('/projects', { name: 'x', programmeId: '7d1e3f5a-9b2c-4d6e-8f0a-1b3c5d7e9f2a' }, auth.pm);
    expectProblem(unknown, 400, 'programmeId');
    expectProblem(await post('/projects', { name: 'x', programmeId: 'nope' }, auth.pm), 400, 'programmeId');

    const listed = await get(`/projects?programmeId=${g}`, auth.pm).expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([p.body.id]);

    const move = await patch(`/programmes/${g}`, { portfolioId: elsewhere });
    expectProblem(move, 409);
    expect(move.body.detail).toMatch(/project/);
    await patch(`/projects/${p.body.id}`, { programmeId: null }, auth.pm).expect(200);
    expect((await patch(`/programmes/${g}`, { portfolioId: elsewhere }).expect(200)).body.portfolioId).toBe(elsewhere);
  });

  it('replays a POST with the same Idempotency-Key (one programme made) and audits the creation', async () => {
    const send = () =>
      post('/programmes', { name: 'Idempotent', portfolioId: portfolio })
        .set('Idempotency-Key', 'programme-key-1')
        .set('X-Request-Id', 'programme-audit-1');
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const named = await get('/programmes?q=Idempotent').expect(200);
    expect(named.body.items).toHaveLength(1);

    const entry = await waitFor(
      async () =>
        (await get('/audit-events?operationId=createProgramme&limit=100', auth.admin)).body.items?.find(
          (e: { targetId: string }) => e.targetId === first.body.id,
        ),
      { what: 'the audit entry of createProgramme' },
    );
    expect(entry).toMatchObject({ method: 'POST', route: '/api/v1/programmes', status: 201, actor: { id: 'carol' } });
  });

  it('grants programmes like portfolios (403 for a project manager writing, reads for a viewer) and hides them from other tenants', async () => {
    const g = (await post('/programmes', { name: 'Guarded', portfolioId: portfolio }).expect(201)).body.id as string;
    expectProblem(await post('/programmes', { name: 'Not mine', portfolioId: portfolio }, auth.pm), 403);
    expectProblem(await patch(`/programmes/${g}`, { name: 'Not mine' }, auth.viewer), 403);
    expectProblem(await post(`/programmes/${g}/archive`, {}, auth.pm), 403);
    await get(`/programmes/${g}`, auth.pm).expect(200);
    expectProblem(await api().get(`/api/v1/programmes/${g}`), 401);

    expectProblem(await get(`/programmes/${g}`, auth.other), 404);
    expectProblem(await patch(`/programmes/${g}`, { name: 'Theirs' }, auth.other), 404);
    expectProblem(await post(`/programmes/${g}/archive`, {}, auth.other), 404);
    const theirs = await get('/programmes?limit=100', auth.other).expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain(g);
    // another tenant's programme in a body: unknown, exactly as another tenant's portfolio
    expectProblem(await post('/projects', { name: 'Sneaky', programmeId: g }, auth.other), 400, 'programmeId');
    expectProblem(await post('/programmes', { name: 'Sneaky', portfolioId: portfolio }, auth.other), 400, 'portfolioId');
  });
});
