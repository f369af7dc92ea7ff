import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentIntegrationConventions } from '../idempotency/openapi-conventions.js';

export const OPENAPI_JSON_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = 'docs';

export function buildOpenApiDocument(app: NestFastifyApplication, devMode: boolean): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Baton API')
    .setDescription(
      [
        'Baton runs the work of an IT project-management office: portfolios, projects and everything around them.',
        '',
        'Every request needs `Authorization: Bearer <token>` except the health and docs endpoints.',
        'Errors are RFC 9457 `application/problem+json` with a machine-readable `code` and the `requestId`',
        '(also in the `X-Request-Id` response header). Lists use cursor pagination: pass `nextCursor` as',
        '`cursor` (a `Link: <…>; rel="next"` header carries the next page too). Objects carry a `version`,',
        'served as the `ETag`; send it back in `If-Match` to change an object only if nobody else did.',
        devMode ? '\nThis gateway runs in development mode: `POST /api/v1/dev/tokens` mints tokens.' : '',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return documentIntegrationConventions(SwaggerModule.createDocument(app, config));
}

/** `/api/v1/openapi.json` and the Swagger UI at `/docs` (plain Fastify routes: no auth, no prefix). */
export function setupOpenApi(app: NestFastifyApplication, devMode: boolean): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app, devMode), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    useGlobalPrefix: false,
    customSiteTitle: 'Baton API',
  });
}
