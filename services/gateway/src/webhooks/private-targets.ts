import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { TenantSettingsCache } from '../tenants/tenant-settings.cache.js';

/**
 * Which tenants may point webhooks at private, loopback or link-local addresses. Either is enough:
 * - the tenant's `webhookAllowPrivateTargets` setting, which only a platform admin can turn on
 *   (`PATCH /tenants/{id}/settings`), read from TenantSettingsCache: at once on the replica that
 *   made the change, within TENANT_SETTINGS_REFRESH_MS on the others;
 * - WEBHOOKS_ALLOW_PRIVATE_TARGETS: `true` (every tenant: development and tests) or a list of
 *   tenant ids (the operator's static allow-list; `false`, the default, lists none).
 * The same answer is used when an endpoint is subscribed or changed and at every delivery attempt
 * (where the address actually connected to is checked), so turning the setting off stops
 * deliveries to private addresses that were subscribed while it was on.
 */
@Injectable()
export class PrivateTargetPolicy {
  private readonly all: boolean;
  private readonly tenants: Set<string>;

  constructor(
    config: GatewayConfig,
    private readonly settings: TenantSettingsCache,
  ) {
    const v = config.WEBHOOKS_ALLOW_PRIVATE_TARGETS.trim().toLowerCase();
    this.all = v === 'true';
    this.tenants = new Set(v === 'true' || v === 'false' ? [] : v.split(',').map((s) => s.trim()));
  }

  allows(tenantId: string): boolean {
    return (
      this.all ||
      this.tenants.has(tenantId.toLowerCase()) ||
      this.settings.peek(tenantId)?.webhookAllowPrivateTargets === true
    );
  }
}
