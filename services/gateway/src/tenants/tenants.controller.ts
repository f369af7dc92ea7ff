import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { etagOf } from '../http/if-match.js';
import { sendVersioned, setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import { CreateTenantRequest, ListTenantsRequest, TenantPage, TenantResponse } from './tenants.dto.js';
import { TenantsService } from './tenants.service.js';

/** Tenants, for platform administrators (PLATFORM_ADMIN_SUBJECTS). */
@ApiTags('tenants')
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('platform:admin')
  @ApiOperation({
    operationId: 'createTenant',
    summary: 'Create a tenant',
    description:
      "Platform administrators only. With `admin`, that subject becomes the tenant's first pmo-admin.",
  })
  @ApiCreatedResponse({ type: TenantResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 413, 415)
  async create(
    @Body() body: CreateTenantRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenantResponse> {
    const tenant = await this.tenants.create(body);
    reply.header('Location', `/api/v1/tenants/${tenant.id}`).header('ETag', etagOf(tenant.version));
    return tenant;
  }

  @Get()
  @RequirePermission('platform:admin')
  @ApiOperation({ operationId: 'listTenants', summary: 'List tenants (cursor pagination)' })
  @ApiOkResponse({ type: TenantPage, headers: LinkHeader })
  @ApiBackendCall(400, 403)
  async list(
    @Query() query: ListTenantsRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenantPage> {
    const page = await this.tenants.list(query);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('platform:admin')
  @ApiOperation({ operationId: 'getTenant', summary: 'Get a tenant' })
  @ApiGetById('tenant')
  @ApiVersionedOk(TenantResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.tenants.get(id));
  }
}
