import {
  AssignmentPage,
  AssignmentResponse,
  CreateAssignmentRequest,
  DecideAssignmentBody,
  ListAssignmentsRequest,
  ResourcesRpc,
  RespondAssignmentBody,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/**
 * Assignments and their approval: project managers request, line managers decide
 * (approve / reject / counter-propose), requesters accept a counter-proposal or withdraw.
 */
@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('assignment:request')
  @ApiOperation({ operationId: 'requestAssignment', summary: 'Request a person for a project or task' })
  @ApiCreatedResponse({ type: AssignmentResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 413, 415)
  async create(
    @Body() body: CreateAssignmentRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentResponse> {
    const a = await this.rpc.send(ResourcesRpc.assignmentCreate, body, ctx);
    reply.header('Location', `/api/v1/assignments/${a.id}`).header('ETag', etagOf(a.version));
    return a;
  }

  @Get()
  @RequirePermission('resource:read')
  @ApiOperation({
    operationId: 'listAssignments',
    summary: 'List assignments (open ones unless status is given)',
  })
  @ApiOkResponse({ type: AssignmentPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListAssignmentsRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentPage> {
    const page = await this.rpc.send(ResourcesRpc.assignmentList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('resource:read')
  @ProjectResource('assignment')
  @ApiOperation({ operationId: 'getAssignment', summary: 'Get an assignment' })
  @ApiGetById('assignment')
  @ApiVersionedOk(AssignmentResponse)
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(ResourcesRpc.assignmentGet, { id }, ctx));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('assignment:approve')
  @ApiOperation({
    operationId: 'decideAssignment',
    summary: 'Approve, reject or counter-propose (line manager)',
  })
  @ApiIdParam('assignment')
  @ApiIfMatch()
  @ApiOkResponse({ type: AssignmentResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async decide(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DecideAssignmentBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentResponse> {
    return withETag(
      reply,
      this.rpc.send(
        ResourcesRpc.assignmentDecide,
        { id, expectedVersion: expectedVersionFrom(ifMatch), body },
        ctx,
      ),
    );
  }

  @Post(':id/response')
  @HttpCode(200)
  @RequirePermission('assignment:request')
  @ProjectResource('assignment')
  @ApiOperation({
    operationId: 'respondToAssignment',
    summary: 'Accept a counter-proposal or withdraw the request (requester)',
  })
  @ApiIdParam('assignment')
  @ApiIfMatch()
  @ApiOkResponse({ type: AssignmentResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async respond(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RespondAssignmentBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentResponse> {
    return withETag(
      reply,
      this.rpc.send(
        ResourcesRpc.assignmentRespond,
        { id, expectedVersion: expectedVersionFrom(ifMatch), body },
        ctx,
      ),
    );
  }
}
