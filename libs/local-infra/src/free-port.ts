import { createServer } from 'node:net';

/**
 * Returns `preferred` if nothing listens on it at `host`, otherwise a port the OS hands out.
 * There is a short window between this check and the caller binding the port; for a dev
 * launcher and test set-up that race is acceptable (the caller fails loudly if it loses).
 */
export async function freePort(preferred?: number, host = '127.0.0.1'): Promise<number> {
  if (preferred !== undefined && preferred > 0 && (await isPortFree(preferred, host))) return preferred;
  return listenOnce(0, host);
}

/** True if a TCP server could bind `host:port` right now. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  try {
    await listenOnce(port, host);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') return false;
    throw err;
  }
}

/** Binds, reads back the port actually bound, and closes again. */
function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}
