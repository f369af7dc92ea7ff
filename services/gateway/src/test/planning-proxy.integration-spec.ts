import { DemoTenants } from '@baton/contracts';
import { LOGGER, type Logger } from '@baton/platform';
import { beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { CURRENT_VERSION, Ids, PROBLEM_JSON, useGatewayWithStandIn } from './support.js';

const RPC_TIMEOUT_MS = 500;

describe('gateway → planning over NATS (stand-in planning service)', () => {
  const h = useGatewayWithStandIn({ RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
  let auth: string;
  /** portfolios need portfolio:write, which a project manager lacks (RBAC) */
  let portfolioAuth: string;

  beforeAll(async () => {
    auth = `Bearer ${await h.gw.token({ sub: 'alice', roles: ['project-manager', 'viewer'] })}`;
    portfolioAuth = `Bearer ${await h.gw.token({ sub: 'alice', roles: ['portfolio-manager'] })}`;
  });

  beforeEach(() => {
    h.standIn.planning.calls.length = 0;
  });

  const lastCall = () => h.standIn.planning.calls.at(-1)!;

  it('creates a project: 201, Location, ETag, and the envelope carries the token\'s tenant and actor', async () => {
    const token = await h.gw.token({ tenantId: DemoTenants.other.id, sub: 'bob', roles: ['portfolio-manager'] });
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'create-1')
      .send({ name: 'ERP rollout', code: 'ERP-02', startDate: '2027-01-04' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/projects/${Ids.existing}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ id: Ids.existing, name: 'ERP rollout', code: 'ERP-02', version: 1 });
    expect(lastCall()).toEqual({
      handler: 'projectCreate',
      payload: { name: 'ERP rollout', code: 'ERP-02', startDate: '2027-01-04' },
      ctx: { tenantId: DemoTenants.other.id, actor: { id: 'bob', roles: ['portfolio-manager'] }, requestId: 'create-1' },
    });
  });

  it('lists projects with typed query parameters and a Link to the next page', async () => {
    const res = await request(h.gw.server)
      .get('/api/v1/projects?limit=1&status=active,on_hold&includeArchived=true&sort=-name')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBe('next-page_1');
    expect(res.body.items).toHaveLength(1);
    expect(res.headers.link).toBe(
      '</api/v1/projects?limit=1&status=active%2Con_hold&includeArchived=true&sort=-name&cursor=next-page_1>; rel="next"',
    );
    expect(lastCall().payload).toEqual({ limit: 1, status: ['active', 'on_hold'], includeArchived: true, sort: '-name' });
    expect(lastCall().ctx.actor).toEqual({ id: 'alice', roles: ['project-manager', 'viewer'] });

    const last = await request(h.gw.server).get('/api/v1/projects?cursor=next-page_1').set('Authorization', auth);
    expect(last.status).toBe(200);
    expect(last.body.nextCursor).toBeNull();
    expect(last.headers.link).toBeUndefined();
  });

  it('gets a project with its ETag, and 304 for a matching If-None-Match', async () => {
    const res = await request(h.gw.server).get(`/api/v1/projects/${Ids.existing}`).set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${CURRENT_VERSION}"`);
    expect(res.body.id).toBe(Ids.existing);

    const again = await request(h.gw.server)
      .get(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-None-Match', `"${CURRENT_VERSION}"`);
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(`"${CURRENT_VERSION}"`);
    expect(again.text).toBe('');

    const stale = await request(h.gw.server)
      .get(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-None-Match', '"1"');
    expect(stale.status).toBe(200);
  });

  it('maps NOT_FOUND from planning to a 404 problem', async () => {
    const res = await request(h.gw.server).get(`/api/v1/projects/${Ids.missing}`).set('Authorization', auth);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({
      type: 'urn:baton:problem:not-found',
      code: 'NOT_FOUND',
      detail: `project ${Ids.missing} was not found`,
      instance: `/api/v1/projects/${Ids.missing}`,
    });
  });

  it('sends If-Match "3" to planning as expectedVersion 3 and answers the new ETag', async () => {
    const res = await request(h.gw.server)
      .patch(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-Match', '"3"')
      .send({ name: 'Renamed', targetDate: null });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"${CURRENT_VERSION + 1}"`);
    expect(lastCall()).toMatchObject({
      handler: 'projectUpdate',
      payload: { id: Ids.existing, expectedVersion: 3, changes: { name: 'Renamed', targetDate: null } },
    });
  });

  it('accepts a weak If-Match and treats * or none as unconditional', async () => {
    await request(h.gw.server).patch(`/api/v1/projects/${Ids.existing}`).set('Authorization', auth).set('If-Match', 'W/"3"').send({}).expect(200);
    expect(lastCall().payload).toMatchObject({ expectedVersion: 3 });
    await request(h.gw.server).patch(`/api/v1/projects/${Ids.existing}`).set('Authorization', auth).set('If-Match', '*').send({}).expect(200);
    expect(lastCall().payload).not.toHaveProperty('expectedVersion');
    await request(h.gw.server).patch(`/api/v1/projects/${Ids.existing}`).set('Authorization', auth).send({ name: 'n' }).expect(200);
    expect(lastCall().payload).toEqual({ id: Ids.existing, changes: { name: 'n' } });
  });

  it('accepts application/merge-patch+json bodies', async () => {
    const res = await request(h.gw.server)
      .patch(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ description: null }));
    expect(res.status).toBe(200);
    expect(lastCall().payload).toEqual({ id: Ids.existing, changes: { description: null } });
  });

  it('writes one log line per request with route, status, ms, request id, tenant and error code', async () => {
    const logger = h.gw.app.get<Logger>(LOGGER);
    // the line is built only when info is on (pino rebinds its methods on a level change: spy after)
    const level = logger.level;
    logger.level = 'info';
    const info = jest.spyOn(logger, 'info');
    try {
      await request(h.gw.server).get(`/api/v1/projects/${Ids.missing}`).set('Authorization', auth).set('X-Request-Id', 'log-1');
      const line = info.mock.calls.map((c) => c[0] as Record<string, unknown>).find((l) => l.requestId === 'log-1');
      expect(line).toMatchObject({
        method: 'GET',
        route: '/api/v1/projects/:id',
        status: 404,
        tenant: DemoTenants.demo.id,
        code: 'NOT_FOUND',
      });
      expect(typeof line!.ms).toBe('number');
      // tracing is off here (no exporter): no made-up trace id (tracing.integration-spec has the real one)
      expect(line).not.toHaveProperty('trace_id');
    } finally {
      info.mockRestore();
      logger.level = level;
    }
  });

  it('maps VERSION_MISMATCH to 412', async () => {
    const res = await request(h.gw.server)
      .patch(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-Match', '"2"')
      .send({ name: 'Late' });
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ type: 'urn:baton:problem:version-mismatch', code: 'VERSION_MISMATCH' });
  });

  it('maps CONFLICT to 409', async () => {
    const res = await request(h.gw.server).post('/api/v1/projects').set('Authorization', auth).send({ name: 'Dup', code: 'DUP' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'urn:baton:problem:conflict', code: 'CONFLICT' });
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('archives with If-Match and answers 200 with the new ETag', async () => {
    const res = await request(h.gw.server)
      .post(`/api/v1/projects/${Ids.existing}/archive`)
      .set('Authorization', auth)
      .set('If-Match', `"${CURRENT_VERSION}"`);
    expect(res.status).toBe(200);
    expect(res.body.archived).toBe(true);
    expect(res.headers.etag).toBe(`"${CURRENT_VERSION + 1}"`);
    expect(lastCall()).toMatchObject({ handler: 'projectArchive', payload: { id: Ids.existing, expectedVersion: 3 } });

    const stale = await request(h.gw.server)
      .post(`/api/v1/projects/${Ids.existing}/archive`)
      .set('Authorization', auth)
      .set('If-Match', '"1"');
    expect(stale.status).toBe(412);
  });

  it('serves portfolios the same way: 201 + Location + ETag, GET + ETag, If-Match on PATCH, 404, 412', async () => {
    const created = await request(h.gw.server).post('/api/v1/portfolios').set('Authorization', portfolioAuth).send({ name: 'Digital Workplace' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/portfolios/${Ids.existing}`);
    expect(created.headers.etag).toBe('"1"');
    expect(lastCall()).toMatchObject({ handler: 'portfolioCreate', ctx: { actor: { id: 'alice' } } });

    const got = await request(h.gw.server).get(`/api/v1/portfolios/${Ids.existing}`).set('Authorization', portfolioAuth);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe(`"${CURRENT_VERSION}"`);
    const listed = await request(h.gw.server).get('/api/v1/portfolios?limit=5&sort=name').set('Authorization', portfolioAuth);
    expect(listed.status).toBe(200);
    expect(listed.body.nextCursor).toBeNull();
    expect(listed.headers.link).toBeUndefined();
    expect(lastCall().payload).toEqual({ limit: 5, sort: 'name' });

    const updated = await request(h.gw.server)
      .patch(`/api/v1/portfolios/${Ids.existing}`)
      .set('Authorization', portfolioAuth)
      .set('If-Match', '"3"')
      .send({ description: 'all of it' });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe(`"${CURRENT_VERSION + 1}"`);
    expect(lastCall().payload).toEqual({ id: Ids.existing, expectedVersion: 3, changes: { description: 'all of it' } });

    expect((await request(h.gw.server).get(`/api/v1/portfolios/${Ids.missing}`).set('Authorization', portfolioAuth)).status).toBe(404);
    const stale = await request(h.gw.server).patch(`/api/v1/portfolios/${Ids.existing}`).set('Authorization', portfolioAuth).set('If-Match', '"1"').send({});
    expect(stale.status).toBe(412);
  });

  it('answers 503 with Retry-After at once when no service instance answers the subject', async () => {
    // the stand-in planning has no portfolio archive handler; no reporting service runs at all
    const calls: Array<[string, string]> = [
      ['POST', `/api/v1/portfolios/${Ids.existing}/archive`],
      ['GET', '/api/v1/reporting/projects'],
      ['GET', `/api/v1/reporting/projects/${Ids.existing}`],
    ];
    for (const [method, path] of calls) {
      const started = Date.now();
      const res = await (method === 'GET' ? request(h.gw.server).get(path) : request(h.gw.server).post(path)).set('Authorization', portfolioAuth);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ type: 'urn:baton:problem:service-unavailable', code: 'SERVICE_UNAVAILABLE' });
    }
  });

  it('answers 504 with Retry-After when planning does not answer within RPC_TIMEOUT_MS', async () => {
    const started = Date.now();
    const res = await request(h.gw.server).get(`/api/v1/projects/${Ids.slow}`).set('Authorization', auth);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ type: 'urn:baton:problem:timeout', code: 'TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(RPC_TIMEOUT_MS + 1500); // bounded, never a hang (slack for a loaded CI machine)
  });
});
