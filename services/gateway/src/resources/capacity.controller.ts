import { LoadRequest, LoadResponse, ResourcesRpc } from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

@ApiTags('capacity')
@Controller('capacity')
export class CapacityController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('load')
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
}
