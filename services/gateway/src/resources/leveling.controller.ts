import { LevelingRunResponse, ResourcesRpc, StartLevelingRunBody } from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { ProjectResource } from '../auth/project-resource.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { withETag } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiIdParam, ApiIfMatch, ETagHeader, LocationHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/** time for planning's reads and writes beyond the leveling search itself */
const PLANNING_ROUND_TRIPS_MS = 15_000;

/**
 * Resource leveling of a project: a run proposes later starts for tasks whose people are
 * over-allocated; the project manager applies (planning reschedules) or discards it.
 */
@ApiTags('leveling')
@Controller()
export class LevelingController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/leveling-runs')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'startLevelingRun',
    summary: 'Level a project: propose later starts so nobody is over-allocated',
  })
  @ApiParam({ name: 'projectId', description: 'the project id', schema: { type: 'string', format: 'uuid' } })
  @ApiCreatedResponse({ type: LevelingRunResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 404, 413, 415)
  async start(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: StartLevelingRunBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LevelingRunResponse> {
    const timeoutMs = (body.budgetMs ?? 1000) + PLANNING_ROUND_TRIPS_MS;
    const run = await this.rpc.send(
      ResourcesRpc.levelingRunStart,
      { ...body, projectId },
      { ...ctx, timeoutMs },
    );
    reply.header('Location', `/api/v1/leveling-runs/${run.id}`).header('ETag', etagOf(run.version));
    return run;
  }

  @Get('leveling-runs/:id')
  @RequirePermission('project:read')
  @ProjectResource('leveling-run')
  @ApiOperation({ operationId: 'getLevelingRun', summary: 'A leveling run and its proposal' })
  @ApiIdParam('leveling run')
  @ApiOkResponse({ type: LevelingRunResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LevelingRunResponse> {
    return withETag(reply, this.rpc.send(ResourcesRpc.levelingRunGet, { id }, ctx));
  }

  @Post('leveling-runs/:id/apply')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('leveling-run')
  @ApiOperation({
    operationId: 'applyLevelingRun',
    summary: 'Apply the proposal: planning holds the moved tasks back and reschedules',
  })
  @ApiIdParam('leveling run')
  @ApiIfMatch()
  @ApiOkResponse({ type: LevelingRunResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  async apply(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LevelingRunResponse> {
    return withETag(reply, this.rpc.send(
      ResourcesRpc.levelingRunApply,
      { id, expectedVersion: expectedVersionFrom(ifMatch) },
      { ...ctx, timeoutMs: PLANNING_ROUND_TRIPS_MS * 2 },
    ));
  }

  @Post('leveling-runs/:id/discard')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('leveling-run')
  @ApiOperation({ operationId: 'discardLevelingRun', summary: 'Discard the proposal' })
  @ApiIdParam('leveling run')
  @ApiIfMatch()
  @ApiOkResponse({ type: LevelingRunResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  async discard(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LevelingRunResponse> {
    return withETag(reply, this.rpc.send(
      ResourcesRpc.levelingRunDiscard,
      { id, expectedVersion: expectedVersionFrom(ifMatch) },
      ctx,
    ));
  }
}
