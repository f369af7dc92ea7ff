import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ids, startGateway, startStandInPlanning, type RunningStandIn, type TestGateway } from './support.js';

describe('gateway shutdown', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  let standIn: RunningStandIn;

  beforeAll(async () => {
    env = await createTestEnvironment();
    standIn = await startStandInPlanning(env);
    gw = await startGateway(env, { RPC_TIMEOUT_MS: '5000' });
  });

  afterAll(async () => {
    await gw?.close();
    await standIn?.close();
    await env?.dispose();
  });

  it('finishes an in-flight request (which still needs NATS) before draining NATS, and refuses new connections', async () => {
    await gw.app.listen(0, '127.0.0.1');
    const origin = await gw.app.getUrl();
    const headers = { authorization: `Bearer ${await gw.token()}` };
    // planning takes 1.5 s to answer this one
    const inFlight = fetch(`${origin}/api/v1/projects/${Ids.slow}`, { headers });
    await new Promise((r) => setTimeout(r, 300));
    const closing = gw.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(Ids.slow);
    await closing;
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });
});
