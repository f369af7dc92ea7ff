import {
  CommitSprintItemsBody,
  CreateSprintBody,
  ListSprintsQuery,
  PlanningAgileRpc,
  SprintPage,
  SprintResponse,
  UpdateSprintBody,
  VelocityQuery,
  VelocityResponse,
  type RpcContract,
  type SprintTransitionRequest,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import {
  Body,
  Controller,
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
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { ProjectResource } from '../auth/project-resource.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink } from '../http/representation.js';
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

/** Sprints and velocity over HTTP; planning owns them (PlanningAgileRpc.sprint*, velocityGet). */
@ApiTags('sprints')
@Controller()
export class SprintsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/sprints')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'createSprint',
    summary: 'Plan a sprint (dates may not overlap another sprint of the project: 409)',
  })
  @ApiProjectIdParam()
  @ApiCreatedResponse({ type: SprintResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 404, 409, 413, 415)
  async create(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: CreateSprintBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintResponse> {
    const sprint = await this.rpc.send(PlanningAgileRpc.sprintCreate, { ...body, projectId }, ctx);
    reply.header('Location', `/api/v1/sprints/${sprint.id}`).header('ETag', etagOf(sprint.version));
    return sprint;
  }

  @Get('projects/:projectId/sprints')
  @RequirePermission('project:read')
  @ApiOperation({ operationId: 'listSprints', summary: "List a project's sprints (cursor pagination)" })
  @ApiProjectIdParam()
  @ApiOkResponse({ type: SprintPage, headers: LinkHeader })
  @ApiBackendCall(400, 403, 404)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListSprintsQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintPage> {
    const page = await this.rpc.send(PlanningAgileRpc.sprintList, { ...query, projectId }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('projects/:projectId/velocity')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'getVelocity',
    summary: 'Completed points per closed sprint and their rolling average',
  })
  @ApiProjectIdParam()
  @ApiOkResponse({ type: VelocityResponse })
  @ApiBackendCall(400, 403, 404)
  velocity(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: VelocityQuery,
    @CallContext() ctx: RpcCallContext,
  ): Promise<VelocityResponse> {
    return this.rpc.send(PlanningAgileRpc.velocityGet, { ...query, projectId }, ctx);
  }

  @Get('sprints/:id')
  @RequirePermission('project:read')
  @ProjectResource('sprint')
  @ApiOperation({ operationId: 'getSprint', summary: 'Get a sprint' })
  @ApiGetById('sprint')
  @ApiVersionedOk(SprintResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningAgileRpc.sprintGet, { id }, ctx));
  }

  @Patch('sprints/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('sprint')
  @ApiOperation({
    operationId: 'updateSprint',
    summary: 'Change a sprint (dates only while planned; nothing once closed)',
  })
  @ApiIdParam('sprint')
  @ApiIfMatch()
  @ApiOkResponse({ type: SprintResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateSprintBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return this.versioned(
      reply,
      await this.rpc.send(PlanningAgileRpc.sprintUpdate, { id, expectedVersion, changes }, ctx),
    );
  }

  @Post('sprints/:id/start')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('sprint')
  @ApiOperation({
    operationId: 'startSprint',
    summary: 'Start a planned sprint (one active sprint per project)',
  })
  @ApiIdParam('sprint')
  @ApiIfMatch()
  @ApiOkResponse({ type: SprintResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412)
  start(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintResponse> {
    return this.transition(PlanningAgileRpc.sprintStart, id, ifMatch, ctx, reply);
  }

  @Post('sprints/:id/close')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('sprint')
  @ApiOperation({
    operationId: 'closeSprint',
    summary: 'Close an active sprint: records its completed points; unfinished items return to the backlog',
  })
  @ApiIdParam('sprint')
  @ApiIfMatch()
  @ApiOkResponse({ type: SprintResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412)
  close(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintResponse> {
    return this.transition(PlanningAgileRpc.sprintClose, id, ifMatch, ctx, reply);
  }

  @Post('sprints/:id/items')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('sprint')
  @ApiOperation({
    operationId: 'commitSprintItems',
    summary:
      'Commit backlog items to a sprint; over capacity is 409 naming `capacity` unless allowOverCapacity',
  })
  @ApiIdParam('sprint')
  @ApiIfMatch()
  @ApiOkResponse({ type: SprintResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async commit(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CommitSprintItemsBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SprintResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return this.versioned(
      reply,
      await this.rpc.send(PlanningAgileRpc.sprintCommit, { ...body, id, expectedVersion }, ctx),
    );
  }

  private async transition(
    contract: RpcContract<SprintTransitionRequest, SprintResponse>,
    id: string,
    ifMatch: string | undefined,
    ctx: RpcCallContext,
    reply: FastifyReply,
  ): Promise<SprintResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return this.versioned(reply, await this.rpc.send(contract, { id, expectedVersion }, ctx));
  }

  private versioned(reply: FastifyReply, sprint: SprintResponse): SprintResponse {
    reply.header('ETag', etagOf(sprint.version));
    return sprint;
  }
}
