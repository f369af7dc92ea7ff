import {
  BacklogItemPage,
  BacklogItemResponse,
  CreateBacklogItemBody,
  ListBacklogItemsQuery,
  MoveBacklogItemBody,
  PlanningAgileRpc,
  UpdateBacklogItemBody,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { ProjectResource } from '../auth/project-resource.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink, withETag } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ApiIdParam,
  ApiIfMatch,
  ApiProjectIdParam,
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/** A project's product backlog over HTTP; planning owns it (PlanningAgileRpc.backlogItem*). */
@ApiTags('backlog')
@Controller()
export class BacklogController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/backlog-items')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'createBacklogItem',
    summary: "Add an item at the bottom of a project's backlog",
  })
  @ApiProjectIdParam()
  @ApiCreatedResponse({ type: BacklogItemResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 404, 409, 413, 415)
  async create(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: CreateBacklogItemBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemResponse> {
    const item = await this.rpc.send(PlanningAgileRpc.backlogItemCreate, { ...body, projectId }, ctx);
    reply.header('Location', `/api/v1/backlog-items/${item.id}`).header('ETag', etagOf(item.version));
    return item;
  }

  @Get('projects/:projectId/backlog-items')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'listBacklogItems',
    summary: "List a project's backlog items, in backlog order by default (cursor pagination)",
  })
  @ApiProjectIdParam()
  @ApiOkResponse({ type: BacklogItemPage, headers: LinkHeader })
  @ApiBackendCall(400, 403, 404)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListBacklogItemsQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemPage> {
    const page = await this.rpc.send(PlanningAgileRpc.backlogItemList, { ...query, projectId }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('backlog-items/:id')
  @RequirePermission('project:read')
  @ProjectResource('backlog-item')
  @ApiOperation({ operationId: 'getBacklogItem', summary: 'Get a backlog item' })
  @ApiGetById('backlog item')
  @ApiVersionedOk(BacklogItemResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningAgileRpc.backlogItemGet, { id }, ctx));
  }

  @Patch('backlog-items/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('backlog-item')
  @ApiOperation({
    operationId: 'updateBacklogItem',
    summary: 'Change a backlog item (sprintId commits it to a sprint, null returns it to the backlog)',
  })
  @ApiIdParam('backlog item')
  @ApiIfMatch()
  @ApiOkResponse({ type: BacklogItemResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateBacklogItemBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(
      reply,
      this.rpc.send(PlanningAgileRpc.backlogItemUpdate, { id, expectedVersion, changes }, ctx),
    );
  }

  @Post('backlog-items/:id/move')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('backlog-item')
  @ApiOperation({
    operationId: 'moveBacklogItem',
    summary: 'Re-rank a backlog item just above (beforeId) or just below (afterId) another',
  })
  @ApiIdParam('backlog item')
  @ApiIfMatch()
  @ApiOkResponse({ type: BacklogItemResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 412, 413, 415)
  async move(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: MoveBacklogItemBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BacklogItemResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(
      reply,
      this.rpc.send(PlanningAgileRpc.backlogItemMove, { ...body, id, expectedVersion }, ctx),
    );
  }

  @Delete('backlog-items/:id')
  @HttpCode(204)
  @RequirePermission('schedule:write')
  @ProjectResource('backlog-item')
  @ApiOperation({
    operationId: 'deleteBacklogItem',
    summary: 'Delete a backlog item (not one of a closed sprint)',
  })
  @ApiIdParam('backlog item')
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiBackendCall(400, 403, 404, 409, 412)
  async delete(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
  ): Promise<void> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    await this.rpc.send(PlanningAgileRpc.backlogItemDelete, { id, expectedVersion }, ctx);
  }
}
