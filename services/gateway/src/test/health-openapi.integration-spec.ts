import { BackendServices } from '@baton/contracts';
import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PROBLEM_JSON, useGatewayWithStandIn } from './support.js';

type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
};

describe('gateway health, system status and OpenAPI', () => {
  const h = useGatewayWithStandIn();

  it('answers /healthz with 200 without a token', async () => {
    const res = await request(h.gw.server).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when NATS and the database are up', async () => {
    const res = await request(h.gw.server).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { nats: 'up', database: 'up' } });
  });

  it('keeps the probes outside /api/v1', async () => {
    expect((await request(h.gw.server).get('/api/v1/healthz')).status).toBe(404);
  });

  it('lists every service in /api/v1/system/status: the gateway and the stand-in planning up, the rest down', async () => {
    const started = Date.now();
    const res = await request(h.gw.server).get('/api/v1/system/status').set('Authorization', `Bearer ${await h.gw.token()}`);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.services.map((s: { name: string }) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(['gateway', ...BackendServices].sort());
    expect(byName.gateway).toMatchObject({ status: 'up' });
    expect(byName.planning).toMatchObject({ status: 'up', instance: expect.stringMatching(/.+-\d+$/) });
    expect(typeof byName.planning.latencyMs).toBe('number');
    expect(byName.budget).toMatchObject({ status: 'down', detail: 'The budget service is not available' });
  });

  describe('OpenAPI document', () => {
    let doc: { openapi: string; info: { title: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

    beforeAll(async () => {
      const res = await request(h.gw.server).get('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it('is OpenAPI 3.1 titled "Baton API" with a bearer scheme', () => {
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.info.title).toBe('Baton API');
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas.ProblemDetails).toBeDefined();
    });

    it('lists the project, portfolio, programme and reporting paths', () => {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/projects',
          '/api/v1/projects/{id}',
          '/api/v1/projects/{id}/archive',
          '/api/v1/portfolios',
          '/api/v1/portfolios/{id}',
          '/api/v1/portfolios/{id}/archive',
          '/api/v1/programmes',
          '/api/v1/programmes/{id}',
          '/api/v1/programmes/{id}/archive',
          '/api/v1/reporting/projects',
          '/api/v1/reporting/projects/{id}',
          '/api/v1/system/status',
          '/api/v1/dev/tokens',
          '/healthz',
          '/readyz',
        ]),
      );
    });

    it('gives every operation a unique operationId and problem+json error responses', () => {
      const ids: string[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          expect(`${method} ${path}: ${op.operationId}`).toMatch(/: \w+$/);
          ids.push(op.operationId!);
          for (const [status, response] of Object.entries(op.responses)) {
            if (Number(status) >= 400) {
              expect(`${method} ${path} ${status}: ${Object.keys(response.content ?? {})}`).toMatch(/: application\/problem\+json$/);
            }
          }
        }
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('documents security, parameters and errors of the project operations', () => {
      const list = doc.paths['/api/v1/projects']!.get!;
      expect(list.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
      expect((list as Operation & { 'x-baton-permission': string })['x-baton-permission']).toBe('project:read');
      expect(list.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(
        expect.arrayContaining(['query:limit', 'query:cursor', 'query:sort', 'query:status', 'query:includeArchived']),
      );
      const update = doc.paths['/api/v1/projects/{id}']!.patch!;
      expect(update.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'header:If-Match']));
      expect(Object.keys(update.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '412', '503', '504']));
      const create = doc.paths['/api/v1/projects']!.post!;
      expect(create.responses['201']!.content!['application/json']).toEqual({ schema: { $ref: '#/components/schemas/ProjectResponse' } });
      expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    });

    it('marks the dev token endpoint as development-only', () => {
      const op = doc.paths['/api/v1/dev/tokens']!.post! as Operation & { description: string };
      expect(op.description).toMatch(/AUTH_DEV_MODE=true/);
      expect(op.security).toEqual([]);
    });
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(h.gw.server).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger-ui/);
    const init = await request(h.gw.server).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('Baton API');
  });

  // Last: it takes the database away from this gateway.
  it('answers /readyz with a 503 problem naming the failed check when the database is gone', async () => {
    await h.gw.app.get(DataSource).destroy();
    const res = await request(h.gw.server).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.detail).toBe('Not ready: database down');
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { nats: 'up', database: 'down' } });
  });
});
