import {
  CreateDependencyRequest,
  DependencyChangeResponse,
  DependencyDeletedResponse,
  DependencyPage,
  PageRequest,
  PlanningRpc,
  UpdateDependencyBody,
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
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiIdParam,
  ApiIfMatch,
  ETagHeader,
  LinkHeader,
  LocationHeader,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

export class CreateDependencyBody extends OmitType(CreateDependencyRequest, ['successorId'] as const) {}

/**
 * Dependencies over HTTP (PlanningRpc.dependency*): created on their successor task
 * (`POST /tasks/{id}/dependencies`), so another tenant's task in the path is a 404, and an
 * unknown predecessor in the body a 422 naming `predecessorId`. A cycle is a 409 naming its tasks.
 */
@ApiTags('dependencies')
@Controller()
export class DependenciesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('tasks/:id/dependencies')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ProjectResource('task')
  @ApiOperation({
    operationId: 'createDependency',
    summary: 'Make the task (the successor) depend on another task (FS/SS/FF/SF with lag)',
  })
  @ApiIdParam('successor task')
  @ApiCreatedResponse({ type: DependencyChangeResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(
    400,
    404,
    {
      status: 409,
      description: 'The dependency exists, or would create a cycle (the detail names its tasks)',
    },
    413,
    415,
    422,
  )
  async create(
    @Param('id', UuidParamPipe) successorId: string,
    @Body() body: CreateDependencyBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DependencyChangeResponse> {
    const res = await this.rpc.send(PlanningRpc.dependencyCreate, { ...body, successorId }, ctx);
    reply
      .header('Location', `/api/v1/dependencies/${res.dependency.id}`)
      .header('ETag', etagOf(res.dependency.version));
    return res;
  }

  @Get('projects/:projectId/dependencies')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'listDependencies',
    summary: "Dependencies into or out of the project's tasks (cursor pagination)",
  })
  @ApiParam({ name: 'projectId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: DependencyPage, headers: LinkHeader })
  @ApiBackendCall(400, 404)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: PageRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DependencyPage> {
    const page = await this.rpc.send(PlanningRpc.dependencyList, { ...query, projectId }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Patch('dependencies/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('dependency')
  @ApiOperation({
    operationId: 'updateDependency',
    summary: "Change a dependency's type or lag; the project is rescheduled",
  })
  @ApiIdParam('dependency')
  @ApiIfMatch()
  @ApiOkResponse({ type: DependencyChangeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateDependencyBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DependencyChangeResponse> {
    const res = await this.rpc.send(
      PlanningRpc.dependencyUpdate,
      { id, expectedVersion: expectedVersionFrom(ifMatch), changes },
      ctx,
    );
    reply.header('ETag', etagOf(res.dependency.version));
    return res;
  }

  @Delete('dependencies/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('dependency')
  @ApiOperation({
    operationId: 'deleteDependency',
    summary: 'Remove a dependency; the project is rescheduled',
  })
  @ApiIdParam('dependency')
  @ApiIfMatch()
  @ApiOkResponse({ type: DependencyDeletedResponse })
  @ApiBackendCall(400, 404, 412)
  delete(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
  ): Promise<DependencyDeletedResponse> {
    return this.rpc.send(
      PlanningRpc.dependencyDelete,
      { id, expectedVersion: expectedVersionFrom(ifMatch) },
      ctx,
    );
  }
}
