import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.html': 'text/html',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** The part of @fastify/static that Swagger UI uses (files under `prefix` from `root`), for Jest. */
export async function staticFilesStub(instance: FastifyInstance, opts: { root: string; prefix: string }): Promise<void> {
  instance.get(`${opts.prefix.replace(/\/$/, '')}/*`, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    if (!/^[\w.-]+$/.test(name)) return reply.callNotFound();
    try {
      const body = await readFile(join(opts.root, name));
      return reply.type(TYPES[extname(name)] ?? 'application/octet-stream').send(body);
    } catch {
      return reply.callNotFound();
    }
  });
}
