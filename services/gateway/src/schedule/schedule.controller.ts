import {
  GetScheduleRequest,
  PlanningRpc,
  ScheduleResponse,
  ScheduleSettingsBody,
  ScheduleSummary,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, Param, Patch, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { LinkHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

export class GetScheduleQuery extends OmitType(GetScheduleRequest, ['projectId'] as const) {}

/** A project's computed schedule (PlanningRpc.schedule*): early/late dates, floats, the critical path, and its settings. */
@ApiTags('schedule')
@Controller('projects/:projectId/schedule')
export class ScheduleController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'getSchedule',
    summary:
      'The schedule: summary, then tasks in early-start order (?criticalOnly=true: the critical path; ?baseline=: variance)',
  })
  @ApiParam({ name: 'projectId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: ScheduleResponse, headers: LinkHeader })
  @ApiBackendCall(400, 404, 422)
  async get(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: GetScheduleQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScheduleResponse> {
    const res = await this.rpc.send(PlanningRpc.scheduleGet, { ...query, projectId }, ctx);
    setNextLink(request, reply, res.nextCursor);
    return res;
  }

  @Patch()
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'updateScheduleSettings',
    summary: 'Set the calendar, status date or deadline; the project is rescheduled',
  })
  @ApiParam({ name: 'projectId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: ScheduleSummary })
  @ApiBackendCall(400, 404, 409, 413, 415, 422)
  update(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: ScheduleSettingsBody,
    @CallContext() ctx: RpcCallContext,
  ): Promise<ScheduleSummary> {
    return this.rpc.send(PlanningRpc.scheduleUpdateSettings, { ...body, projectId }, ctx);
  }
}
