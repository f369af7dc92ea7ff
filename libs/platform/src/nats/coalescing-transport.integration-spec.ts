import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NatsConnection } from '@nats-io/nats-core';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { CoalescingNodeTransport, connectCoalescing } from './coalescing-transport.js';
import { natsConnectionOptions } from './nats-options.js';

const decoder = new TextDecoder();
const nextTurn = () => new Promise((r) => setImmediate(r));

/** the transport under a live connection (nats.js keeps it on its protocol handler) */
const socketOf = (nc: NatsConnection): Socket => {
  const transport = (nc as unknown as { protocol: { transport: unknown } }).protocol.transport;
  expect(transport).toBeInstanceOf(CoalescingNodeTransport);
  return (transport as CoalescingNodeTransport).socket;
};

/** counts the writes the client makes to its socket while `fn` runs */
async function countWrites(nc: NatsConnection, fn: () => Promise<void>): Promise<number> {
  const socket = socketOf(nc);
  const write = socket.write.bind(socket);
  let writes = 0;
  socket.write = ((...args: Parameters<Socket['write']>) => {
    writes++;
    return write(...args);
  }) as Socket['write'];
  try {
    await fn();
  } finally {
    socket.write = write;
  }
  return writes;
}

describe('CoalescingNodeTransport (against the real nats-server)', () => {
  let publisher: NatsConnection;
  let subscriber: NatsConnection;
  const subject = `coalesce.${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const options = natsConnectionOptions({ NATS_URL: process.env.NATS_URL! });
    publisher = await connectCoalescing(options);
    subscriber = await connectCoalescing(options);
  });

  afterAll(async () => {
    await publisher?.close();
    await subscriber?.close();
  });

  it('sends what one event-loop turn publishes in one socket write, every message in order', async () => {
    const received: string[] = [];
    const sub = subscriber.subscribe(`${subject}.order`, {
      callback: (_e, m) => {
        received.push(decoder.decode(m.data));
      },
    });
    await subscriber.flush();
    const writes = await countWrites(publisher, async () => {
      // 200 callbacks of one turn, as 200 HTTP requests read in one poll would be: nats.js alone
      // flushes after each (a microtask checkpoint follows every callback).
      for (let i = 0; i < 200; i++) setImmediate(() => publisher.publish(`${subject}.order`, `m${i}`));
      for (let t = 0; t < 3; t++) await nextTurn();
    });
    expect(writes).toBe(1);
    await publisher.flush();
    await subscriber.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(Array.from({ length: 200 }, (_, i) => `m${i}`));
    sub.unsubscribe();
  });

  it('answers requests made in the same turn, each with its own reply', async () => {
    const sub = subscriber.subscribe(`${subject}.echo`, {
      callback: (_e, m) => {
        m.respond(`re:${decoder.decode(m.data)}`);
      },
    });
    await subscriber.flush();
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => publisher.request(`${subject}.echo`, `q${i}`, { timeout: 2000 })),
    );
    expect(replies.map((m) => decoder.decode(m.data))).toEqual(
      Array.from({ length: 50 }, (_, i) => `re:q${i}`),
    );
    sub.unsubscribe();
  });

  it('delivers what is still queued when the connection drains (as services shut down)', async () => {
    const options = natsConnectionOptions({ NATS_URL: process.env.NATS_URL! });
    const closing = await connectCoalescing(options);
    const received: string[] = [];
    const sub = subscriber.subscribe(`${subject}.last`, {
      callback: (_e, m) => {
        received.push(decoder.decode(m.data));
      },
    });
    await subscriber.flush();
    closing.publish(`${subject}.last`, 'last words');
    await closing.drain();
    await subscriber.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(['last words']);
    sub.unsubscribe();
  });
});
