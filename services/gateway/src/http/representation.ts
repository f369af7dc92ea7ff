import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, matchesIfNoneMatch } from './if-match.js';

/** GET of one object: `ETag: "<version>"`, and a bodiless 304 when `If-None-Match` names it. */
export function sendVersioned(request: FastifyRequest, reply: FastifyReply, body: { version: number }): FastifyReply {
  const etag = etagOf(body.version);
  reply.header('ETag', etag);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).send(body);
}

/** `Link: <same query, next cursor>; rel="next"` when a list has a further page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null | undefined): void {
  if (!nextCursor) return;
  const [path, query = ''] = request.url.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('cursor', nextCursor);
  reply.header('Link', `<${path}?${params.toString()}>; rel="next"`);
}

/** A change's answer: the object, with its new version as `ETag`. */
export async function withETag<T extends { version: number }>(reply: FastifyReply, answer: Promise<T>): Promise<T> {
  const body = await answer;
  reply.header('ETag', etagOf(body.version));
  return body;
}
