import {
  BaselinePage,
  BaselineResponse,
  CreateBaselineRequest,
  ListBaselinesRequest,
  PlanningRpc,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  OmitType,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { ProjectResource } from '../auth/project-resource.js';
import { CallContext } from '../http/call-context.decorator.js';
import { setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiIdParam, LinkHeader, LocationHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

export class CreateBaselineBody extends OmitType(CreateBaselineRequest, ['projectId'] as const) {}
export class ListBaselinesQuery extends OmitType(ListBaselinesRequest, ['projectId'] as const) {}

/** Named baselines of a project (PlanningRpc.baseline*); compare with `?baseline=<name or id>` on tasks and the schedule. */
@ApiTags('baselines')
@Controller()
export class BaselinesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/baselines')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({ operationId: 'saveBaseline', summary: 'Save the current schedule as a named baseline' })
  @ApiParam({ name: 'projectId', schema: { type: 'string', format: 'uuid' } })
  @ApiCreatedResponse({ type: BaselineResponse, headers: LocationHeader })
  @ApiBackendCall(
    400,
    404,
    { status: 409, description: 'The project already has a baseline of that name' },
    413,
    415,
  )
  async create(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: CreateBaselineBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BaselineResponse> {
    const b = await this.rpc.send(PlanningRpc.baselineCreate, { ...body, projectId }, ctx);
    reply.header('Location', `/api/v1/baselines/${b.id}`);
    return b;
  }

  @Get('projects/:projectId/baselines')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'listBaselines',
    summary: "The project's baselines, oldest first (cursor pagination)",
  })
  @ApiParam({ name: 'projectId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: BaselinePage, headers: LinkHeader })
  @ApiBackendCall(400, 404)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListBaselinesQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BaselinePage> {
    const page = await this.rpc.send(PlanningRpc.baselineList, { ...query, projectId }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('baselines/:id')
  @RequirePermission('project:read')
  @ProjectResource('baseline')
  @ApiOperation({ operationId: 'getBaseline', summary: 'Get a baseline' })
  @ApiIdParam('baseline')
  @ApiOkResponse({ type: BaselineResponse })
  @ApiBackendCall(400, 404)
  get(@Param('id', UuidParamPipe) id: string, @CallContext() ctx: RpcCallContext): Promise<BaselineResponse> {
    return this.rpc.send(PlanningRpc.baselineGet, { id }, ctx);
  }
}
