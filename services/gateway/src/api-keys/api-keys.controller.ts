import type { TenantCallContext } from '../auth/principal.js';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink } from '../http/representation.js';
import { pickFields } from '../http/sparse-fields.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ApiIdParam,
  ApiIfMatch,
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import {
  ApiKeyPage,
  ApiKeyResponse,
  ApiKeyWithSecretResponse,
  CreateApiKeyRequest,
  ListApiKeysRequest,
} from './api-keys.dto.js';
import { ApiKeysService } from './api-keys.service.js';

/** API keys for integrations, managed by PMO admins of the tenant. */
@ApiTags('api-keys')
@Controller('api-keys')
@RequirePermission('tenant:admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key',
    description:
      'The answer carries the whole `key` once; afterwards only its `prefix` is shown. Send it as `Authorization: Bearer <key>`.',
  })
  @ApiCreatedResponse({ type: ApiKeyWithSecretResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 404, 413, 415)
  async create(
    @Body() body: CreateApiKeyRequest,
    @CallContext() ctx: TenantCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyWithSecretResponse> {
    const key = await this.keys.create(ctx, body);
    reply
      .header('Location', `/api/v1/api-keys/${key.id}`)
      .header('ETag', etagOf(key.version))
      .header('Cache-Control', 'no-store');
    return key;
  }

  @Get()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List API keys (prefix only; cursor pagination, filters, sparse fields)',
  })
  @ApiOkResponse({ type: ApiKeyPage, headers: LinkHeader })
  @ApiBackendCall(400, 403)
  async list(
    @Query() query: ListApiKeysRequest,
    @CallContext() ctx: TenantCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyPage> {
    const page = await this.keys.list(ctx.tenantId, query);
    setNextLink(request, reply, page.nextCursor);
    return { items: pickFields(page.items, query.fields) as ApiKeyResponse[], nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey', summary: 'Get an API key (prefix only)' })
  @ApiGetById('API key')
  @ApiVersionedOk(ApiKeyResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: TenantCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.keys.get(ctx.tenantId, id));
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateApiKey',
    summary: 'Rotate an API key: a new secret, the old one stops working',
    description:
      'The old key is refused at once by this gateway replica and within AUTH_CACHE_TTL_MS (default 5 s) by the others.',
  })
  @ApiIdParam('API key')
  @ApiIfMatch()
  @ApiOkResponse({ type: ApiKeyWithSecretResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412)
  async rotate(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: TenantCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyWithSecretResponse> {
    const key = await this.keys.rotate(ctx.tenantId, id, expectedVersionFrom(ifMatch));
    reply.header('ETag', etagOf(key.version)).header('Cache-Control', 'no-store');
    return key;
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    description:
      'Refused at once by this gateway replica and within AUTH_CACHE_TTL_MS (default 5 s) by the others. Revoking twice is harmless.',
  })
  @ApiIdParam('API key')
  @ApiIfMatch()
  @ApiOkResponse({ type: ApiKeyResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 412)
  async revoke(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: TenantCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyResponse> {
    const key = await this.keys.revoke(ctx.tenantId, id, expectedVersionFrom(ifMatch));
    reply.header('ETag', etagOf(key.version));
    return key;
  }
}
