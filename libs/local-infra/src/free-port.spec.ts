import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { freePort, isPortFree } from './free-port.js';

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('freePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = await listen(port);
    await close(server);
  });

  it('returns the preferred port when it is free', async () => {
    const port = await freePort();
    expect(await freePort(port)).toBe(port);
  });

  it('returns another port when the preferred one is taken', async () => {
    const server = await listen();
    try {
      expect(await isPortFree(portOf(server))).toBe(false);
      const port = await freePort(portOf(server));
      expect(port).not.toBe(portOf(server));
      expect(await isPortFree(port)).toBe(true);
    } finally {
      await close(server);
    }
  });
});
