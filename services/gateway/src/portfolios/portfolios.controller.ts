import {
  CreatePortfolioRequest,
  ListPortfoliosRequest,
  PlanningRpc,
  PortfolioPage,
  PortfolioResponse,
  UpdatePortfolioBody,
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

const BASE = '/api/v1/portfolios';

/** Portfolios over HTTP; planning owns them (PlanningRpc.portfolio*). */
@ApiTags('portfolios')
@Controller('portfolios')
export class PortfoliosController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('portfolio:write')
  @ApiOperation({ operationId: 'createPortfolio', summary: 'Create a portfolio' })
  @ApiCreatedResponse({ type: PortfolioResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 409, 413, 415)
  async create(
    @Body() body: CreatePortfolioRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortfolioResponse> {
    const portfolio = await this.rpc.send(PlanningRpc.portfolioCreate, body, ctx);
    reply.header('Location', `${BASE}/${portfolio.id}`).header('ETag', etagOf(portfolio.version));
    return portfolio;
  }

  @Get()
  @RequirePermission('portfolio:read')
  @ApiOperation({ operationId: 'listPortfolios', summary: 'List portfolios (cursor pagination)' })
  @ApiOkResponse({ type: PortfolioPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListPortfoliosRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortfolioPage> {
    const page = await this.rpc.send(PlanningRpc.portfolioList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('portfolio:read')
  @ApiOperation({ operationId: 'getPortfolio', summary: 'Get a portfolio' })
  @ApiGetById('portfolio')
  @ApiVersionedOk(PortfolioResponse)
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningRpc.portfolioGet, { id }, ctx));
  }

  @Patch(':id')
  @RequirePermission('portfolio:write')
  @ApiOperation({ operationId: 'updatePortfolio', summary: 'Change a portfolio' })
  @ApiIdParam('portfolio')
  @ApiIfMatch()
  @ApiOkResponse({ type: PortfolioResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdatePortfolioBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortfolioResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.portfolioUpdate, { id, expectedVersion, changes }, ctx));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission('portfolio:write')
  @ApiOperation({ operationId: 'archivePortfolio', summary: 'Archive a portfolio' })
  @ApiIdParam('portfolio')
  @ApiIfMatch()
  @ApiOkResponse({ type: PortfolioResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  async archive(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortfolioResponse> {
    const expectedVersion = expectedVersionFrom(ifMatch);
    return withETag(reply, this.rpc.send(PlanningRpc.portfolioArchive, { id, expectedVersion }, ctx));
  }
}
