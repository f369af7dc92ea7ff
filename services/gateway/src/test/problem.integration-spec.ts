import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { Ids, PROBLEM_JSON, useGatewayWithStandIn } from './support.js';

/** the test server's address (it is not listening yet: supertest listens per request) */
const listening = (server: Server) =>
  new Promise<AddressInfo>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo)),
  );

// Requests that fail in the gateway itself, before any service is asked (the stand-in is there
// so that a request that wrongly got through would answer 2xx instead of 503).
describe('gateway problem+json for requests it refuses', () => {
  const h = useGatewayWithStandIn({ BODY_LIMIT_BYTES: '2048' });
  let auth: string;

  beforeAll(async () => {
    auth = `Bearer ${await h.gw.token()}`;
  });

  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ status, code, requestId: res.headers['x-request-id'] });
    expect(typeof res.body.title).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  };

  it('names the field of a wrong type in a POST body', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .send({ name: 123 });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.type).toBe('urn:baton:problem:validation-failed');
    expect(res.body.instance).toBe('/api/v1/projects');
    expect(res.body.errors[0]).toMatchObject({ field: 'name' });
    expect(res.body.errors).toContainEqual({ field: 'name', message: 'name must be a string' });
  });

  it('refuses an unknown property, naming it', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/portfolios')
      .set('Authorization', auth)
      .send({ name: 'ok', tenantId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'tenantId', message: 'property tenantId should not exist' }]);
  });

  it('names each bad field of a nested PATCH body', async () => {
    const res = await request(h.gw.server)
      .patch(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .send({ targetDate: '2026-02-30', status: 'done' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['status', 'targetDate']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['sort=bogus', 'sort'],
    ['includeArchived=maybe', 'includeArchived'],
    ['status=active,bogus', 'status'],
    ['color=red', 'color'],
  ])('refuses the query %s naming %s', async (query, field) => {
    const res = await request(h.gw.server).get(`/api/v1/projects?${query}`).set('Authorization', auth);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe(field);
  });

  it.each(['/api/v1/projects/not-a-uuid', '/api/v1/portfolios/123', '/api/v1/reporting/projects/x'])(
    'refuses a non-uuid id in %s',
    async (path) => {
      const res = await request(h.gw.server).get(path).set('Authorization', auth);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    },
  );

  it('refuses an If-Match that is not an ETag of ours, naming the header', async () => {
    const res = await request(h.gw.server)
      .patch(`/api/v1/projects/${Ids.existing}`)
      .set('Authorization', auth)
      .set('If-Match', 'abc')
      .send({ name: 'x' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('If-Match');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectProblem(res, 400, 'BAD_REQUEST');
    expect(res.body.type).toBe('about:blank');
    expect(res.body.detail).toBe('The request body is not valid JSON');
  });

  const postJson = (path: string, body: string) =>
    request(h.gw.server)
      .post(path)
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(body);

  it('answers a JSON body that is not an object with 400 saying so, naming no field', async () => {
    for (const body of ['[1, 2]', '[{"name":"x"}]', '"a string"', '42', 'null', 'true']) {
      const res = await postJson('/api/v1/projects', body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.detail).toBe('The request body must be a JSON object');
      expect(res.body.errors).toEqual([{ field: '', message: 'the request body must be a JSON object' }]);
    }
  });

  it('refuses __proto__ and constructor.prototype keys in a body, saying they are not allowed', async () => {
    for (const body of [
      '{"name":"x","__proto__":{"admin":true}}',
      '{"name":"x","nested":{"\\u005f_proto__":{"admin":true}}}',
      '{"name":"x","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await postJson('/api/v1/projects', body);
      expectProblem(res, 400, 'BAD_REQUEST');
      expect(res.body.detail).toMatch(/"__proto__".*"constructor".*not allowed/);
      expect(res.body.detail).not.toMatch(/not valid JSON/);
    }
    // still plain invalid JSON when it is
    expect((await postJson('/api/v1/projects', '{"__proto__": ')).body.detail).toBe(
      'The request body is not valid JSON',
    );
  });

  it("answers a request with a control character in a header with a 400 problem, not Node's plain JSON", async () => {
    const address = (h.gw.server as Server).address() ?? (await listening(h.gw.server as Server));
    const port = (address as AddressInfo).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nIdempotency-Key: a\x01b\r\n` +
            'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        );
      });
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8/i);
    expect(JSON.parse(body)).toMatchObject({
      type: 'about:blank',
      status: 400,
      code: 'BAD_REQUEST',
      title: 'Bad Request',
    });
    expect(JSON.parse(body).detail).toMatch(/header/);
    expect(h.standIn.planning.calls).toEqual([]);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .set('Content-Type', 'text/plain')
      .send('name=x');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a form post with 415', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .type('form')
      .send({ name: 'x' });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const res = await request(h.gw.server)
      .post('/api/v1/projects')
      .set('Authorization', auth)
      .send({ name: 'x', description: 'y'.repeat(4000) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.detail).toMatch(/2048 bytes/);
  });

  it('answers an unknown route with a 404 problem, with or without a token', async () => {
    for (const req of [
      request(h.gw.server).get('/api/v1/nothing-here'),
      request(h.gw.server).get('/api/v1/nothing-here').set('Authorization', auth),
      request(h.gw.server).get('/favicon.ico'),
      request(h.gw.server).get(`/api/v1/projects/${Ids.missing}/nothing-here`),
    ]) {
      const res = await req;
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.body.type).toBe('about:blank');
      expect(res.headers.allow).toBeUndefined();
    }
  });

  it('answers a known path asked with a method it does not have with 405 and Allow, with or without a token', async () => {
    for (const [req, allow] of [
      [request(h.gw.server).delete('/api/v1/projects'), 'GET, HEAD, POST'],
      [request(h.gw.server).put('/api/v1/projects').set('Authorization', auth), 'GET, HEAD, POST'],
      [request(h.gw.server).patch('/api/v1/audit-events').set('Authorization', auth), 'GET, HEAD'],
      [request(h.gw.server).post(`/api/v1/projects/${Ids.missing}?x=1`), 'GET, HEAD, PATCH'],
    ] as const) {
      const res = await req;
      expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.allow).toBe(allow);
      expect(res.body.detail).toContain(allow);
    }
  });

  it('reuses a sane X-Request-Id and replaces an insane one', async () => {
    const sane = await request(h.gw.server).get('/api/v1/nothing').set('X-Request-Id', 'abc-123.DEF_4');
    expect(sane.headers['x-request-id']).toBe('abc-123.DEF_4');
    expect(sane.body.requestId).toBe('abc-123.DEF_4');
    const insane = await request(h.gw.server).get('/api/v1/nothing').set('X-Request-Id', 'a b<script>');
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const long = await request(h.gw.server).get('/healthz').set('X-Request-Id', 'x'.repeat(129));
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never asked planning for any of the refused requests', () => {
    expect(h.standIn.planning.calls).toEqual([]);
  });
});
