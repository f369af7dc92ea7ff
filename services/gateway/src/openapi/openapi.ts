import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentIntegrationConventions } from '../idempotency/openapi-conventions.js';
import { PERMISSION_EXTENSION } from '../auth/permissions.js';

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
        'Every request needs `Authorization: Bearer <credential>` except the health and docs endpoints: an OIDC',
        'access token of the configured issuer, or an API key (`bat_…`) created by a PMO admin. Each operation',
        'names the permission it needs in `x-baton-permission`; the caller\'s roles (tenant-wide, or assigned for',
        'the project the path names, or for the project of the object it addresses: `x-baton-project-resource`)',
        'must grant it, else 403.',
        'Errors are RFC 9457 `application/problem+json` with a machine-readable `code` and the `requestId`',
        '(also in the `X-Request-Id` response header). Lists use cursor pagination: pass `nextCursor` as',
        '`cursor` (a `Link: <…>; rel="next"` header carries the next page too). Objects carry a `version`,',
        'served as the `ETag`; send it back in `If-Match` to change an object only if nobody else did.',
        devMode ? '\nThis gateway runs in development mode: `POST /api/v1/dev/tokens` mints tokens.' : '',
      ].join('\n'),
    )
    .setVersion('1')
    .addServer('/', 'this gateway')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An OIDC access token of OIDC_ISSUER for audience OIDC_AUDIENCE (or a development token in dev mode)',
      },
      'bearer',
    )
    .addSecurity('apiKey', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'bat_<prefix>_<secret>',
      description: 'An API key created with POST /api/v1/api-keys, sent as `Authorization: Bearer bat_…`',
    })
    .build();
  return documentIntegrationConventions(withSecurity(SwaggerModule.createDocument(app, config)));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Each operation's security from its declared permission: a protected operation accepts either
 * scheme (a bearer token or an API key); a public one says `security: []` explicitly.
 */
function withSecurity(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Record<string, unknown> & { security?: unknown }) | undefined;
      if (!op) continue;
      op.security = op[PERMISSION_EXTENSION] ? [{ bearer: [] }, { apiKey: [] }] : [];
    }
  }
  return doc;
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
