import { HealthService } from '@baton/platform';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { ProblemException } from '../problem/problem.exception.js';
import { LivenessResponse, ReadinessResponse } from './system-status.dto.js';

/** Kubernetes probes, outside `/api/v1`. */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness: the process is running' })
  @ApiOkResponse({ type: LivenessResponse })
  liveness(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'readiness', summary: 'Readiness: NATS connected and the database answering' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiProblems({
    status: 503,
    description: 'Not ready; the problem has an extension member `checks`: `{ nats, database }`, each `up` or `down`',
  })
  async readiness(): Promise<ReadinessResponse> {
    const r = await this.health.readiness();
    if (!r.ready) {
      const down = Object.entries(r.checks)
        .filter(([, v]) => v === 'down')
        .map(([k]) => k);
      const detail = r.shuttingDown ? 'The gateway is shutting down' : `Not ready: ${down.join(', ')} down`;
      throw new ProblemException(
        {
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
          detail,
          extensions: { checks: r.checks },
        },
        { 'Retry-After': '5' },
      );
    }
    return { status: 'ok', checks: r.checks };
  }
}
