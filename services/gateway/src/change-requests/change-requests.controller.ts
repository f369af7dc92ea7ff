import {
  ApproveChangeRequestBody,
  ChangeRequestHistoryPage,
  ChangeRequestPage,
  ChangeRequestResponse,
  CreateChangeRequestBody,
  ListChangeRequestsQuery,
  PageRequest,
  PlanningChangeRequestRpc,
  RejectChangeRequestBody,
  UpdateChangeRequestBody,
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
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

/** Change control over HTTP: draft → submitted → approved | rejected, with a decision audit; planning owns it. */
@ApiTags('change-requests')
@Controller()
export class ChangeRequestsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/change-requests')
  @HttpCode(201)
  @RequirePermission('change-request:submit')
  @ApiOperation({
    operationId: 'createChangeRequest',
    summary: 'Draft a change request (scope, schedule or cost)',
  })
  @ApiProjectIdParam()
  @ApiCreatedResponse({ type: ChangeRequestResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 404, 409, 413, 415)
  async create(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: CreateChangeRequestBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestResponse> {
    const cr = await this.rpc.send(PlanningChangeRequestRpc.changeRequestCreate, { ...body, projectId }, ctx);
    reply.header('Location', `/api/v1/change-requests/${cr.id}`).header('ETag', etagOf(cr.version));
    return cr;
  }

  @Get('projects/:projectId/change-requests')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'listChangeRequests',
    summary: "List a project's change requests (cursor pagination)",
  })
  @ApiProjectIdParam()
  @ApiOkResponse({ type: ChangeRequestPage, headers: LinkHeader })
  @ApiBackendCall(400, 403, 404)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListChangeRequestsQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestPage> {
    const page = await this.rpc.send(
      PlanningChangeRequestRpc.changeRequestList,
      { ...query, projectId },
      ctx,
    );
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('change-requests/:id')
  @RequirePermission('project:read')
  @ProjectResource('change-request')
  @ApiOperation({ operationId: 'getChangeRequest', summary: 'Get a change request' })
  @ApiGetById('change request')
  @ApiVersionedOk(ChangeRequestResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(
      request,
      reply,
      await this.rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id }, ctx),
    );
  }

  @Get('change-requests/:id/history')
  @RequirePermission('project:read')
  @ProjectResource('change-request')
  @ApiOperation({
    operationId: 'getChangeRequestHistory',
    summary: 'The decision audit: who moved the change request between states, and when',
  })
  @ApiIdParam('change request')
  @ApiOkResponse({ type: ChangeRequestHistoryPage, headers: LinkHeader })
  @ApiBackendCall(400, 403, 404)
  async history(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestHistoryPage> {
    const page = await this.rpc.send(PlanningChangeRequestRpc.changeRequestHistory, { ...query, id }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Patch('change-requests/:id')
  @RequirePermission('change-request:submit')
  @ProjectResource('change-request')
  @ApiOperation({
    operationId: 'updateChangeRequest',
    summary: 'Edit a draft change request (409 once submitted)',
  })
  @ApiIdParam('change request')
  @ApiIfMatch()
  @ApiOkResponse({ type: ChangeRequestResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateChangeRequestBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return versioned(
      reply,
      await this.rpc.send(
        PlanningChangeRequestRpc.changeRequestUpdate,
        { id, expectedVersion, changes },
        ctx,
      ),
    );
  }

  @Post('change-requests/:id/submit')
  @HttpCode(200)
  @RequirePermission('change-request:submit')
  @ProjectResource('change-request')
  @ApiOperation({
    operationId: 'submitChangeRequest',
    summary: 'Submit a draft for decision (409 naming the state otherwise)',
  })
  @ApiIdParam('change request')
  @ApiIfMatch()
  @ApiOkResponse({ type: ChangeRequestResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412)
  async submit(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return versioned(
      reply,
      await this.rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id, expectedVersion }, ctx),
    );
  }

  @Post('change-requests/:id/approve')
  @HttpCode(200)
  @RequirePermission('change-request:decide')
  @ProjectResource('change-request')
  @ApiOperation({
    operationId: 'approveChangeRequest',
    summary: 'Approve a submitted change request; `rebaseline: true` saves a new baseline with it',
  })
  @ApiIdParam('change request')
  @ApiIfMatch()
  @ApiBody({ type: ApproveChangeRequestBody, required: false })
  @ApiOkResponse({ type: ChangeRequestResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async approve(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ApproveChangeRequestBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return versioned(
      reply,
      await this.rpc.send(
        PlanningChangeRequestRpc.changeRequestApprove,
        { ...body, id, expectedVersion },
        ctx,
      ),
    );
  }

  @Post('change-requests/:id/reject')
  @HttpCode(200)
  @RequirePermission('change-request:decide')
  @ProjectResource('change-request')
  @ApiOperation({
    operationId: 'rejectChangeRequest',
    summary: 'Reject a submitted change request, saying why',
  })
  @ApiIdParam('change request')
  @ApiIfMatch()
  @ApiOkResponse({ type: ChangeRequestResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async reject(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RejectChangeRequestBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeRequestResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return versioned(
      reply,
      await this.rpc.send(
        PlanningChangeRequestRpc.changeRequestReject,
        { ...body, id, expectedVersion },
        ctx,
      ),
    );
  }
}

function versioned(reply: FastifyReply, cr: ChangeRequestResponse): ChangeRequestResponse {
  reply.header('ETag', etagOf(cr.version));
  return cr;
}
