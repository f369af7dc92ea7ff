import { describe, expect, it } from '@jest/globals';
import { Ids, useGatewayWithStandIn } from './support.js';

describe('gateway shutdown', () => {
  const h = useGatewayWithStandIn({ RPC_TIMEOUT_MS: '5000' });

  it('finishes an in-flight request (which still needs NATS) before draining NATS, and refuses new connections', async () => {
    await h.gw.app.listen(0, '127.0.0.1');
    const origin = await h.gw.app.getUrl();
    const headers = { authorization: `Bearer ${await h.gw.token()}` };
    // planning takes 1.5 s to answer this one
    const inFlight = fetch(`${origin}/api/v1/projects/${Ids.slow}`, { headers });
    await new Promise((r) => setTimeout(r, 300));
    const closing = h.gw.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(Ids.slow);
    await closing;
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });
});
