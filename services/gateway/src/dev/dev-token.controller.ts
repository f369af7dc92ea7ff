import { DemoTenants } from '@baton/contracts';
import { signDevToken } from '@baton/platform';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { CreateDevTokenRequest, DevTokenResponse } from './dev-token.dto.js';

/** the HMAC key of dev mode (AUTH_DEV_SIGNING_KEY, decoded) */
export const DEV_SIGNING_KEY = Symbol('DEV_SIGNING_KEY');

/** Exists only when AUTH_DEV_MODE=true (the module is not loaded otherwise, so the route is a 404). */
@ApiTags('development')
@Controller('dev/tokens')
export class DevTokenController {
  constructor(@Inject(DEV_SIGNING_KEY) private readonly key: Uint8Array) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createDevToken',
    summary: 'Mint a development bearer token',
    description:
      'Development only: this endpoint exists only when the gateway runs with AUTH_DEV_MODE=true. ' +
      'Returns an HS256 token signed with the development key, valid for 12 hours.',
  })
  @ApiBody({ type: CreateDevTokenRequest, required: false })
  @ApiCreatedResponse({ type: DevTokenResponse })
  @ApiProblems(400, 415)
  async create(@Body() body: CreateDevTokenRequest): Promise<DevTokenResponse> {
    const { token, expiresAt } = await signDevToken(this.key, {
      tenantId: body?.tenantId ?? DemoTenants.demo.id,
      roles: body?.roles ?? ['pmo-admin'],
      sub: body?.sub ?? 'dev-user',
    });
    return { token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString() };
  }
}
