import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { startCountingPlanning, TENANT_A, TENANT_B } from './integration-standin.js';
import { PROBLEM_JSON, startGateway, type TestGateway } from './support.js';

describe('rate limits per principal and per tenant (token buckets)', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let standIn: { app: INestApplicationContext };

  beforeAll(async () => {
    env = await createTestEnvironment();
    standIn = await startCountingPlanning(env);
    gw = await startGateway(env, {
      RATE_LIMIT_ENABLED: 'true',
      // slow refills, so that the counts below hold on a slow machine
      RATE_LIMIT_PRINCIPAL_PER_SECOND: '0.5',
      RATE_LIMIT_PRINCIPAL_BURST: '3',
      RATE_LIMIT_TENANT_PER_SECOND: '0.25',
      RATE_LIMIT_TENANT_BURST: '5',
      RATE_LIMIT_TENANT_OVERRIDES: JSON.stringify({
        [TENANT_B]: { principalBurst: 6, principalPerSecond: 0.5, tenantBurst: 50 },
      }),
    });
  });

  afterAll(async () => {
    await gw?.close();
    await standIn?.app.close();
    await env?.dispose();
  });

  // /api/v1/webhooks/event-types answers from the gateway alone: no backend in the way
  const call = async (sub: string, tenantId: string = TENANT_A) =>
    request(gw.server)
      .get('/api/v1/webhooks/event-types')
      .set('Authorization', `Bearer ${await gw.token({ sub, tenantId })}`);

  it('lets a burst through with RateLimit headers, then answers 429 problem+json with Retry-After', async () => {
    const statuses: number[] = [];
    const responses = [];
    for (let i = 0; i < 4; i++) {
      const res = await call('alice');
      statuses.push(res.status);
      responses.push(res);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(responses[0]!.headers['ratelimit-policy']).toBe('"tenant";q=5;w=20, "principal";q=3;w=6');
    expect(responses[0]!.headers['ratelimit']).toBe('"principal";r=2;t=2');
    const refused = responses[3]!;
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body).toMatchObject({
      type: 'urn:baton:problem:rate-limited',
      status: 429,
      code: 'RATE_LIMITED',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['ratelimit']).toMatch(/^"principal";r=0;t=\d+$/);
  });

  it('counts the tenant across its principals, and each tenant on its own', async () => {
    // alice used 3 of the tenant's 5 tokens (the refused request took none)
    expect((await call('bob')).status).toBe(200);
    expect((await call('bob')).status).toBe(200);
    const third = await call('carol');
    expect(third.status).toBe(429);
    expect(third.headers['ratelimit']).toMatch(/^"tenant";r=0;/);
    expect((await call('alice', TENANT_B)).status).toBe(200);
  });

  it("applies a tenant's override", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call('dave', TENANT_B)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('refills at the policy rate', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // dave's bucket refills a token every 2 s
    expect((await call('dave', TENANT_B)).status).toBe(200);
  });
});
