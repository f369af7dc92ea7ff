import {
  ListTimesheetsRequest,
  PutTimesheetBody,
  ResourcesRpc,
  TimesheetKey,
  TimesheetPage,
  TimesheetResponse,
  type TimesheetAction,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink, withETag } from '../http/representation.js';
import { ApiIfMatch, ETagHeader, LinkHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

export class TimesheetCommentBody {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

const SHEET = 'people/:personId/timesheets/:weekStart';
const ApiSheetParams = () =>
  applyDecorators(
    ApiParam({ name: 'personId', type: String, format: 'uuid' }),
    ApiParam({ name: 'weekStart', type: String, format: 'date', description: 'the Monday of the ISO week' }),
  );

/**
 * Weekly timesheets. Editing (PUT) works on draft and rejected weeks; submit and reopen belong to
 * the person (time:write); approve and reject to their approver (time:approve). Approved weeks are
 * locked: every change is a 409.
 */
@ApiTags('timesheets')
@Controller()
export class TimesheetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Put(SHEET)
  @RequirePermission('time:write')
  @ApiOperation({
    operationId: 'putTimesheet',
    summary: 'Create or replace the entries of a week (draft or rejected weeks only)',
  })
  @ApiSheetParams()
  @ApiIfMatch()
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async put(
    @Param() key: TimesheetKey,
    @Body() body: PutTimesheetBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TimesheetResponse> {
    return withETag(reply, this.rpc.send(
      ResourcesRpc.timesheetPut,
      { ...key, expectedVersion: expectedVersionFrom(ifMatch), body },
      ctx,
    ));
  }

  @Get(SHEET)
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'getTimesheet', summary: 'A person’s timesheet for one week' })
  @ApiSheetParams()
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404)
  async get(
    @Param() key: TimesheetKey,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(ResourcesRpc.timesheetGet, key, ctx));
  }

  @Get('timesheets')
  @RequirePermission('resource:read')
  @ApiOperation({
    operationId: 'listTimesheets',
    summary: 'List timesheets (e.g. status=submitted for an approver)',
  })
  @ApiOkResponse({ type: TimesheetPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListTimesheetsRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TimesheetPage> {
    const page = await this.rpc.send(ResourcesRpc.timesheetList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Post(`${SHEET}/submit`)
  @HttpCode(200)
  @RequirePermission('time:write')
  @ApiOperation({ operationId: 'submitTimesheet', summary: 'Submit a week for approval' })
  @ApiSheetParams()
  @ApiIfMatch()
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  submit(
    @Param() key: TimesheetKey,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.transition('submit', key, {}, ifMatch, ctx, reply);
  }

  @Post(`${SHEET}/reopen`)
  @HttpCode(200)
  @RequirePermission('time:write')
  @ApiOperation({
    operationId: 'reopenTimesheet',
    summary: 'Recall a submitted week to correct it (approved weeks stay locked)',
  })
  @ApiSheetParams()
  @ApiIfMatch()
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412)
  reopen(
    @Param() key: TimesheetKey,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.transition('reopen', key, {}, ifMatch, ctx, reply);
  }

  @Post(`${SHEET}/approve`)
  @HttpCode(200)
  @RequirePermission('time:approve')
  @ApiOperation({
    operationId: 'approveTimesheet',
    summary: 'Approve a submitted week (locks it; publishes its entries)',
  })
  @ApiSheetParams()
  @ApiIfMatch()
  @ApiBody({ type: TimesheetCommentBody, required: false })
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  approve(
    @Param() key: TimesheetKey,
    @Body() body: TimesheetCommentBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.transition('approve', key, body ?? {}, ifMatch, ctx, reply);
  }

  @Post(`${SHEET}/reject`)
  @HttpCode(200)
  @RequirePermission('time:approve')
  @ApiOperation({ operationId: 'rejectTimesheet', summary: 'Send a submitted week back with a comment' })
  @ApiSheetParams()
  @ApiIfMatch()
  @ApiBody({ type: TimesheetCommentBody, required: false })
  @ApiOkResponse({ type: TimesheetResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  reject(
    @Param() key: TimesheetKey,
    @Body() body: TimesheetCommentBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.transition('reject', key, body ?? {}, ifMatch, ctx, reply);
  }

  private async transition(
    action: TimesheetAction,
    key: TimesheetKey,
    body: TimesheetCommentBody,
    ifMatch: string | undefined,
    ctx: RpcCallContext,
    reply: FastifyReply,
  ): Promise<TimesheetResponse> {
    return withETag(reply, this.rpc.send(
      ResourcesRpc.timesheetTransition,
      {
        ...key,
        expectedVersion: expectedVersionFrom(ifMatch),
        body: { action, ...(body.comment ? { comment: body.comment } : {}) },
      },
      ctx,
    ));
  }
}
