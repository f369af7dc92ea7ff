import type { FastifyInstance } from 'fastify';

/** JSON media types the API accepts; anything else with a body is a 415. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];

/** the code of the 400 for valid JSON with a `__proto__` or `constructor.prototype` key (to-problem.ts) */
export const FORBIDDEN_JSON_KEY = 'BATON_FORBIDDEN_JSON_KEY';

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
    void parseJson(request, body as string, (err, parsed) => {
      // the safe parser says "not valid JSON" for a poisoning key too: valid JSON is refused for its keys
      if (err && isJson(body as string)) {
        return done(
          Object.assign(new Error('forbidden key in JSON body'), {
            statusCode: 400,
            code: FORBIDDEN_JSON_KEY,
          }),
          undefined,
        );
      }
      done(err, parsed);
    });
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
