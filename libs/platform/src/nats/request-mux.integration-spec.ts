import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NatsConnection } from '@nats-io/nats-core';
import { randomBytes } from 'node:crypto';
import { connectCoalescing } from './coalescing-transport.js';
import { natsConnectionOptions } from './nats-options.js';
import { NoRespondersError, RequestMux, RequestTimeoutError } from './request-mux.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (s: string) => encoder.encode(s);

describe('RequestMux (against the real nats-server)', () => {
  let client: NatsConnection;
  let server: NatsConnection;
  let mux: RequestMux;
  const subject = `mux.${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const options = natsConnectionOptions({ NATS_URL: process.env.NATS_URL! });
    client = await connectCoalescing(options);
    server = await connectCoalescing(options);
    mux = new RequestMux(client);
    // answers after the delay the request asks for, so replies come back out of order
    server.subscribe(`${subject}.slow`, {
      callback: (_e, m) => {
        const [id, delay] = decoder.decode(m.data).split(':');
        setTimeout(() => m.respond(text(`re:${id}`)), Number(delay));
      },
    });
    await server.flush();
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('gives every request its own reply, whatever order the replies come in', async () => {
    const delays = Array.from({ length: 40 }, (_, i) => (i * 7) % 30);
    const replies = await Promise.all(
      delays.map((d, i) => mux.request(`${subject}.slow`, text(`${i}:${d}`), { timeoutMs: 2000 })),
    );
    expect(replies.map((m) => decoder.decode(m.data))).toEqual(delays.map((_, i) => `re:${i}`));
    expect(mux.inFlight).toBe(0);
  });

  it('times out with RequestTimeoutError and drops the reply that comes too late', async () => {
    const late = mux.request(`${subject}.slow`, text('late:300'), { timeoutMs: 50 });
    await expect(late).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(mux.inFlight).toBe(0);
    await new Promise((r) => setTimeout(r, 350)); // the late reply arrives and finds nobody
    const next = await mux.request(`${subject}.slow`, text('next:0'), { timeoutMs: 2000 });
    expect(decoder.decode(next.data)).toBe('re:next');
  });

  it('fails at once with NoRespondersError when nobody listens', async () => {
    const started = Date.now();
    await expect(mux.request(`${subject}.nobody`, text('x'), { timeoutMs: 5000 })).rejects.toBeInstanceOf(
      NoRespondersError,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
