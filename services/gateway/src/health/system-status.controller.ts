import type { RpcCallContext } from '@baton/platform';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { SystemStatusResponse } from './system-status.dto.js';
import { SystemStatusService } from './system-status.service.js';

@ApiTags('system')
@Controller('system')
export class SystemStatusController {
  constructor(private readonly status: SystemStatusService) {}

  @Get('status')
  @RequirePermission('system:read')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getSystemStatus',
    summary: 'Health of every Baton service',
    description: 'Asks each backend service over NATS (1.5 s each, in parallel); the gateway lists itself too.',
  })
  @ApiOkResponse({ type: SystemStatusResponse })
  @ApiBearerAuth()
  @ApiProblems(401, 500)
  async get(@CallContext() ctx: RpcCallContext): Promise<SystemStatusResponse> {
    return { services: await this.status.status(ctx) };
  }
}
