import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { startGateway, type TestGateway } from './support.js';

describe('audit log on shutdown', () => {
  let env: TestEnvironment;
  let gw: TestGateway;

  beforeAll(async () => {
    env = await createTestEnvironment();
    // a flush interval far beyond the test: only the shutdown flush can write the event
    gw = await startGateway(env, { AUDIT_FLUSH_MS: '60000' });
  });

  afterAll(async () => {
    await env?.dispose();
  });

  it('writes the buffered events before the database pool closes', async () => {
    const res = await request(gw.server)
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', `Bearer ${await gw.token({ sub: 'closing-admin' })}`)
      .set('X-Request-Id', 'audited-at-shutdown')
      .send({ url: 'ftp://example.com/x', eventTypes: ['*'] });
    expect(res.status).toBe(422);
    await gw.close();
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT actor_id, operation_id, status FROM gateway.audit_event WHERE request_id = 'audited-at-shutdown'`,
      );
      expect(rows).toEqual([
        { actor_id: 'closing-admin', operation_id: 'createWebhookEndpoint', status: 422 },
      ]);
    } finally {
      await db.end();
    }
  });
});
