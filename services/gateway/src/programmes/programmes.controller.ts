import {
  CreateProgrammeRequest,
  PlanningRpc,
  ProgrammePage,
  ProgrammeResponse,
  UpdateProgrammeBody,
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
import { pickFields } from '../http/sparse-fields.js';
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
import { ListProgrammesQuery } from './programmes.dto.js';

const BASE = '/api/v1/programmes';

/**
 * Programmes over HTTP; planning owns them (PlanningRpc.programme*). A programme sits in one
 * portfolio and groups projects; like portfolios it is archived, never deleted.
 */
@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('programme:write')
  @ApiOperation({ operationId: 'createProgramme', summary: 'Create a programme' })
  @ApiCreatedResponse({ type: ProgrammeResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 409, 413, 415)
  async create(
    @Body() body: CreateProgrammeRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammeResponse> {
    const programme = await this.rpc.send(PlanningRpc.programmeCreate, body, ctx);
    reply.header('Location', `${BASE}/${programme.id}`).header('ETag', etagOf(programme.version));
    return programme;
  }

  @Get()
  @RequirePermission('programme:read')
  @ApiOperation({
    operationId: 'listProgrammes',
    summary: 'List programmes (cursor pagination, filters, sparse fields)',
  })
  @ApiOkResponse({ type: ProgrammePage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListProgrammesQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammePage> {
    const { fields, ...filter } = query;
    const page = await this.rpc.send(PlanningRpc.programmeList, filter, ctx);
    setNextLink(request, reply, page.nextCursor);
    return { items: pickFields(page.items, fields) as ProgrammeResponse[], nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission('programme:read')
  @ApiOperation({ operationId: 'getProgramme', summary: 'Get a programme' })
  @ApiGetById('programme')
  @ApiVersionedOk(ProgrammeResponse)
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningRpc.programmeGet, { id }, ctx));
  }

  @Patch(':id')
  @RequirePermission('programme:write')
  @ApiOperation({
    operationId: 'updateProgramme',
    summary: 'Change a programme',
    description: 'A new `portfolioId` moves the programme: 409 while any project is in it.',
  })
  @ApiIdParam('programme')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProgrammeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateProgrammeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammeResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.programmeUpdate, { id, expectedVersion, changes }, ctx));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('programme:write')
  @ApiOperation({
    operationId: 'archiveProgramme',
    summary: 'Archive a programme',
    description: 'Its projects stay in it; an archived programme takes no new projects and no changes.',
  })
  @ApiIdParam('programme')
  @ApiIfMatch()
  @ApiOkResponse({ type: ProgrammeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  async archive(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammeResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.programmeArchive, { id, expectedVersion }, ctx));
  }
}
