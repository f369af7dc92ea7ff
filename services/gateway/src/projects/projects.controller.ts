import {
  CreateProjectRequest,
  ListProjectsRequest,
  PlanningRpc,
  ProjectPage,
  ProjectResponse,
  UpdateProjectBody,
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
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink, withETag } from '../http/representation.js';
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

const BASE = '/api/v1/projects';

/** Projects over HTTP; planning owns them (PlanningRpc.project*). */
@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('project:write')
  @ApiOperation({ operationId: 'createProject', summary: 'Create a project' })
  @ApiCreatedResponse({ type: ProjectResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 409, 413, 415, 422)
  async create(
    @Body() body: CreateProjectRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const project = await this.rpc.send(PlanningRpc.projectCreate, body, ctx);
    reply.header('Location', `${BASE}/${project.id}`).header('ETag', etagOf(project.version));
    return project;
  }

  @Get()
  @RequirePermission('project:read')
  @ApiOperation({ operationId: 'listProjects', summary: 'List projects (cursor pagination)' })
  @ApiOkResponse({ type: ProjectPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListProjectsRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectPage> {
    const page = await this.rpc.send(PlanningRpc.projectList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('project:read', { projectParam: 'id' })
  @ApiOperation({ operationId: 'getProject', summary: 'Get a project' })
  @ApiGetById('project')
  @ApiVersionedOk(ProjectResponse)
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningRpc.projectGet, { id }, ctx));
  }

  @Patch(':id')
  @RequirePermission('project:write', { projectParam: 'id' })
  @ApiOperation({ operationId: 'updateProject', summary: 'Change a project' })
  @ApiIdParam('project')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProjectResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415, 422)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateProjectBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.projectUpdate, { id, expectedVersion, changes }, ctx));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('project:write', { projectParam: 'id' })
  @ApiOperation({ operationId: 'archiveProject', summary: 'Archive a project' })
  @ApiIdParam('project')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProjectResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  async archive(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.projectArchive, { id, expectedVersion }, ctx));
  }
}
