import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';

/**
 * Which tenants may point webhooks at private, loopback or link-local addresses:
 * WEBHOOKS_ALLOW_PRIVATE_TARGETS = `false` (none, the default), `true` (all: development and
 * tests) or a list of tenant ids an administrator allowed. (A per-tenant setting stored by the
 * tenants module can replace the list once it exists.)
 */
@Injectable()
export class PrivateTargetPolicy {
  private readonly all: boolean;
  private readonly tenants: Set<string>;

  constructor(config: GatewayConfig) {
    const v = config.WEBHOOKS_ALLOW_PRIVATE_TARGETS.trim().toLowerCase();
    this.all = v === 'true';
    this.tenants = new Set(v === 'true' || v === 'false' ? [] : v.split(',').map((s) => s.trim()));
  }

  allows(tenantId: string): boolean {
    return this.all || this.tenants.has(tenantId.toLowerCase());
  }
}
