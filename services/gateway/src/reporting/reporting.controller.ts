import { ListProjectViewsRequest, ProjectViewPage, ProjectViewResponse, ReportingRpc } from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiIdParam, LinkHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/** Reporting's read model of projects, built from planning's events (eventually consistent). */
@ApiTags('reporting')
@Controller('reporting/projects')
export class ReportingController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @RequirePermission('report:read')
  @ApiOperation({
    operationId: 'listProjectViews',
    summary: 'List projects as reporting sees them',
    description: 'Built from planning events: a change shows here shortly after planning accepted it.',
  })
  @ApiOkResponse({ type: ProjectViewPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListProjectViewsRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectViewPage> {
    const page = await this.rpc.send(ReportingRpc.projectViewList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('report:read', { projectParam: 'id' })
  @ApiOperation({ operationId: 'getProjectView', summary: 'Get one project as reporting sees it' })
  @ApiIdParam('project')
  @ApiOkResponse({ type: ProjectViewResponse })
  @ApiBackendCall(400, 404)
  async get(@Param('id', UuidParamPipe) id: string, @CallContext() ctx: RpcCallContext): Promise<ProjectViewResponse> {
    return this.rpc.send(ReportingRpc.projectViewGet, { id }, ctx);
  }
}
