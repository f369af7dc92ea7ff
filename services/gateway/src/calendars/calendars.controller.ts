import {
  CalendarChangeResponse,
  CalendarPage,
  CalendarResponse,
  CreateCalendarRequest,
  ListCalendarsRequest,
  PlanningRpc,
  UpdateCalendarBody,
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
import { sendVersioned, setNextLink } from '../http/representation.js';
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

/** Working calendars (PlanningRpc.calendar*): working week, holidays, exceptions. Changing one reschedules its projects. */
@ApiTags('calendars')
@Controller('calendars')
export class CalendarsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({ operationId: 'createCalendar', summary: 'Create a working calendar' })
  @ApiCreatedResponse({ type: CalendarResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 413, 415)
  async create(
    @Body() body: CreateCalendarRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarResponse> {
    const c = await this.rpc.send(PlanningRpc.calendarCreate, body, ctx);
    reply.header('Location', `/api/v1/calendars/${c.id}`).header('ETag', etagOf(c.version));
    return c;
  }

  @Get()
  @RequirePermission('project:read')
  @ApiOperation({ operationId: 'listCalendars', summary: 'List calendars (cursor pagination)' })
  @ApiOkResponse({ type: CalendarPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async list(
    @Query() query: ListCalendarsRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarPage> {
    const page = await this.rpc.send(PlanningRpc.calendarList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get(':id')
  @RequirePermission('project:read')
  @ApiOperation({ operationId: 'getCalendar', summary: 'Get a calendar' })
  @ApiGetById('calendar')
  @ApiVersionedOk(CalendarResponse)
  @ApiBackendCall(400, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningRpc.calendarGet, { id }, ctx));
  }

  @Patch(':id')
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'updateCalendar',
    summary: 'Change a calendar; every project on it is rescheduled',
  })
  @ApiIdParam('calendar')
  @ApiIfMatch()
  @ApiOkResponse({ type: CalendarChangeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateCalendarBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarChangeResponse> {
    const res = await this.rpc.send(
      PlanningRpc.calendarUpdate,
      { id, expectedVersion: expectedVersionFrom(ifMatch), changes },
      ctx,
    );
    reply.header('ETag', etagOf(res.calendar.version));
    return res;
  }
}
