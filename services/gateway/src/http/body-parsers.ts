import type { FastifyInstance } from 'fastify';

/** JSON media types the API accepts; anything else with a body is a 415. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * Only JSON bodies, up to `bodyLimit` bytes (413 beyond), parsed with Fastify's safe parser
 * (`__proto__` and `constructor.prototype` are rejected). An empty body with a JSON content type
 * counts as no body, as clients often send the header on bodiless POSTs.
 */
export function installJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    void parseJson(request, body as string, done);
  });
}
