import {
  LoadRequest,
  LoadResponse,
  ResourcesRpc,
  StaffingSearchRequest,
  StaffingSearchResponse,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/** Capacity and load across projects, and skill-based staffing. */
@ApiTags('capacity')
@Controller()
export class CapacityController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('capacity/load')
  @RequirePermission('resource:read')
  @ApiOperation({
    operationId: 'getLoad',
    summary: 'Allocated vs available hours per person and week, across all projects',
    description:
      'scope=person&id=…, scope=department&department=…, or scope=skill&id=…; from is a Monday; weeks 1–53 (default 12). ' +
      'Over-allocated weeks list the assignments that cause them.',
  })
  @ApiOkResponse({ type: LoadResponse })
  @ApiBackendCall(400, 404)
  load(@Query() query: LoadRequest, @CallContext() ctx: RpcCallContext): Promise<LoadResponse> {
    return this.rpc.send(ResourcesRpc.load, query, ctx);
  }

  @Post('staffing/search')
  @HttpCode(200)
  @RequirePermission('resource:read')
  @ApiOperation({
    operationId: 'searchStaffing',
    summary: 'Rank people for a task: skill match, free hours in the window, hourly cost',
    description:
      'score = 0.5 × skill match + 0.35 × availability + 0.15 × cost (each 0–1); a read, so repeating it is safe.',
  })
  @ApiOkResponse({ type: StaffingSearchResponse })
  @ApiBackendCall(400, 413, 415)
  search(
    @Body() body: StaffingSearchRequest,
    @CallContext() ctx: RpcCallContext,
  ): Promise<StaffingSearchResponse> {
    return this.rpc.send(ResourcesRpc.staffingSearch, body, ctx);
  }
}
