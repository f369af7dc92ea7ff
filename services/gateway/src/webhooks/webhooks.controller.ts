import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { etagOf } from '../http/if-match.js';
import { setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiIdParam, ETagHeader, LinkHeader, LocationHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import { PageRequest } from '@baton/contracts';
import { WebhookEventTypes } from './event-types.js';
import {
  CreateWebhookEndpointRequest,
  ListWebhookDeliveriesQuery,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointPage,
  WebhookEndpointResponse,
  WebhookEndpointWithSecret,
  WebhookEventTypeList,
} from './webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

const BASE = '/api/v1/webhooks/endpoints';
type Req = FastifyRequest & RequestWithPrincipal;
const tenantOf = (r: Req) => r[PRINCIPAL_KEY]!.tenantId;

const refused = {
  status: 422,
  description:
    'The URL is not an allowed target (loopback, private, link-local or metadata address: `errors[].field` is `url`)',
};

/**
 * Webhook endpoints of the caller's tenant. Deliveries are signed per the Standard Webhooks
 * spec (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the endpoint's secret,
 * which is shown only when the endpoint is created and when it is rotated.
 */
@ApiTags('webhooks')
@Controller('webhooks')
@RequirePermission('tenant:admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @ApiOperation({ operationId: 'listWebhookEventTypes', summary: 'Event types an endpoint can subscribe to' })
  @ApiOkResponse({ type: WebhookEventTypeList })
  @ApiBackendCall(403)
  eventTypes(): WebhookEventTypeList {
    return { items: WebhookEventTypes };
  }

  @Post('endpoints')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createWebhookEndpoint',
    summary: 'Subscribe an endpoint to event types (the response holds its secret, shown once)',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecret, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, refused)
  async create(
    @Body() body: CreateWebhookEndpointRequest,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.webhooks.create(tenantOf(request), body);
    reply
      .header('Location', `${BASE}/${endpoint.id}`)
      .header('ETag', etagOf(endpoint.version))
      .header('Cache-Control', 'no-store');
    return endpoint;
  }

  @Get('endpoints')
  @ApiOperation({
    operationId: 'listWebhookEndpoints',
    summary: 'List webhook endpoints (cursor pagination; secrets never listed)',
  })
  @ApiOkResponse({ type: WebhookEndpointPage, headers: LinkHeader })
  @ApiBackendCall(400, 403)
  async list(
    @Query() query: PageRequest,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointPage> {
    const page = await this.webhooks.list(tenantOf(request), query.limit, query.cursor);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('endpoints/:id')
  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'Get a webhook endpoint' })
  @ApiIdParam('webhook endpoint')
  @ApiOkResponse({ type: WebhookEndpointResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointResponse> {
    const endpoint = await this.webhooks.get(tenantOf(request), id);
    reply.header('ETag', etagOf(endpoint.version));
    return endpoint;
  }

  @Patch('endpoints/:id')
  @ApiOperation({
    operationId: 'updateWebhookEndpoint',
    summary: 'Change a webhook endpoint (URL, event types, description, enabled)',
  })
  @ApiIdParam('webhook endpoint')
  @ApiOkResponse({ type: WebhookEndpointResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, refused)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateWebhookEndpointRequest,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointResponse> {
    const endpoint = await this.webhooks.update(tenantOf(request), id, body);
    reply.header('ETag', etagOf(endpoint.version));
    return endpoint;
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete a webhook endpoint and its delivery log',
  })
  @ApiIdParam('webhook endpoint')
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiBackendCall(400, 403, 404)
  async remove(@Param('id', UuidParamPipe) id: string, @Req() request: Req): Promise<void> {
    await this.webhooks.remove(tenantOf(request), id);
  }

  @Post('endpoints/:id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret (shown once); the old one keeps signing beside it for 24 h',
  })
  @ApiIdParam('webhook endpoint')
  @ApiOkResponse({ type: WebhookEndpointWithSecret })
  @ApiBackendCall(400, 403, 404)
  async rotate(
    @Param('id', UuidParamPipe) id: string,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.webhooks.rotateSecret(tenantOf(request), id);
    reply.header('Cache-Control', 'no-store');
    return endpoint;
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log of an endpoint, newest first',
  })
  @ApiIdParam('webhook endpoint')
  @ApiOkResponse({ type: WebhookDeliveryPage, headers: LinkHeader })
  @ApiBackendCall(400, 403, 404)
  async deliveries(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ListWebhookDeliveriesQuery,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookDeliveryPage> {
    const page = await this.webhooks.listDeliveries(tenantOf(request), id, query);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('deliveries/:id')
  @ApiOperation({
    operationId: 'getWebhookDelivery',
    summary: 'One delivery with its payload and every attempt',
  })
  @ApiParam({
    name: 'id',
    description: 'the delivery id (the `webhook-id` header)',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  @ApiBackendCall(400, 403, 404)
  getDelivery(@Param('id', UuidParamPipe) id: string, @Req() request: Req): Promise<WebhookDeliveryResponse> {
    return this.webhooks.getDelivery(tenantOf(request), id);
  }

  @Post('deliveries/:id/replay')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'replayWebhookDelivery',
    summary: 'Send a delivery again (same webhook-id), whatever its state',
  })
  @ApiParam({ name: 'id', description: 'the delivery id', schema: { type: 'string', format: 'uuid' } })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponse })
  @ApiBackendCall(400, 403, 404)
  replay(@Param('id', UuidParamPipe) id: string, @Req() request: Req): Promise<WebhookDeliveryResponse> {
    return this.webhooks.replay(tenantOf(request), id);
  }
}
