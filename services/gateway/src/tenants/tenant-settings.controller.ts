import { Body, Controller, Get, Headers, Param, Patch, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, withETag } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ApiIdParam,
  ApiIfMatch,
  ApiIfNoneMatch,
  ETagHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import type { SettingsEditor } from './tenant-settings.policy.js';
import { TenantSettingsService } from './tenant-settings.service.js';
import { TenantSettingsResponse, UpdateTenantSettingsBody } from './tenants.dto.js';

type Req = FastifyRequest & RequestWithPrincipal;

const principalOf = (request: Req) => request[PRINCIPAL_KEY]!;
const editorOf = (request: Req): SettingsEditor => ({
  platformAdmin: principalOf(request).platformAdmin === true,
});

const SETTINGS_403 = {
  status: 403,
  description:
    'The caller may not do this: it lacks `tenant:admin`, or it sets a field only a platform administrator may ' +
    '(`webhookAllowPrivateTargets: true`, `rateLimitPerMinute` above the gateway ceiling); `errors` names the field',
};

/** The caller's tenant's settings (rate limits, webhook SSRF allowance), for its admins. */
@ApiTags('tenants')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  @Get()
  @RequirePermission('tenant:admin')
  @ApiOperation({ operationId: 'getSettings', summary: "Get the settings of the caller's tenant" })
  @ApiIfNoneMatch()
  @ApiVersionedOk(TenantSettingsResponse)
  @ApiBackendCall(403, 404)
  async get(@Req() request: Req, @Res() reply: FastifyReply): Promise<void> {
    sendVersioned(request, reply, await this.settings.read(principalOf(request).tenantId));
  }

  @Patch()
  @RequirePermission('tenant:admin')
  @ApiOperation({
    operationId: 'updateSettings',
    summary: "Change the settings of the caller's tenant",
    description:
      'A tenant admin may lower `rateLimitPerMinute` (or reset it to `null`, the gateway default) and raise it ' +
      'up to the gateway ceiling (`RATE_LIMIT_SETTINGS_MAX_PER_MINUTE`), and may turn `webhookAllowPrivateTargets` ' +
      'off. Turning it on, or a limit above the ceiling, needs a platform administrator (403 naming the field; ' +
      'see `PATCH /tenants/{id}/settings`). Applies at once on this gateway replica, within ' +
      '`TENANT_SETTINGS_REFRESH_MS` on the others.',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: TenantSettingsResponse, headers: ETagHeader })
  @ApiBackendCall(400, SETTINGS_403, 404, 412, 413, 415)
  update(
    @Body() changes: UpdateTenantSettingsBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenantSettingsResponse> {
    const tenantId = principalOf(request).tenantId;
    return withETag(
      reply,
      this.settings.update(tenantId, changes, editorOf(request), expectedVersionFrom(ifMatch)),
    );
  }
}

/** Any tenant's settings, for platform administrators (PLATFORM_ADMIN_SUBJECTS). */
@ApiTags('tenants')
@Controller('tenants')
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  @Get(':id/settings')
  @RequirePermission('platform:admin')
  @ApiOperation({ operationId: 'getTenantSettings', summary: "Get a tenant's settings" })
  @ApiGetById('tenant')
  @ApiVersionedOk(TenantSettingsResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.settings.read(id));
  }

  @Patch(':id/settings')
  @RequirePermission('platform:admin')
  @ApiOperation({
    operationId: 'updateTenantSettings',
    summary: "Change a tenant's settings",
    description:
      'Platform administrators only, with no ceiling: the way to allow a tenant private webhook targets ' +
      '(`webhookAllowPrivateTargets: true`, which opens the gateway network to its webhook URLs) or a ' +
      '`rateLimitPerMinute` above `RATE_LIMIT_SETTINGS_MAX_PER_MINUTE`. Applies at once on this gateway ' +
      'replica, within `TENANT_SETTINGS_REFRESH_MS` on the others.',
  })
  @ApiIdParam('tenant')
  @ApiIfMatch()
  @ApiOkResponse({ type: TenantSettingsResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 412, 413, 415)
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateTenantSettingsBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Req,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenantSettingsResponse> {
    return withETag(
      reply,
      this.settings.update(id, changes, editorOf(request), expectedVersionFrom(ifMatch)),
    );
  }
}
