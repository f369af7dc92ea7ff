import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { rateLimitHeaders, type BucketPolicy } from './token-bucket.js';

export interface TenantLimits {
  tenant: BucketPolicy;
  principal: BucketPolicy;
  /** [tenant, principal], the order the guard takes tokens in */
  ordered: readonly BucketPolicy[];
  /** the RateLimit-Policy header value, built once */
  policyHeader: string;
}

function limits(tenant: BucketPolicy, principal: BucketPolicy): TenantLimits {
  const ordered = [tenant, principal];
  return {
    tenant,
    principal,
    ordered,
    policyHeader: rateLimitHeaders(ordered, [tenant.burst, principal.burst]).policy,
  };
}

interface Override {
  tenantPerSecond?: number;
  tenantBurst?: number;
  principalPerSecond?: number;
  principalBurst?: number;
}

const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/**
 * The limits of each tenant: the RATE_LIMIT_* defaults, replaced field by field by the tenant's
 * entry in RATE_LIMIT_TENANT_OVERRIDES. (Per-tenant settings stored in the database can feed
 * the same `forTenant` once they exist.)
 */
@Injectable()
export class RateLimitPolicies {
  private readonly defaults: TenantLimits;
  private readonly overrides = new Map<string, TenantLimits>();

  constructor(config: GatewayConfig) {
    this.defaults = limits(
      {
        name: 'tenant',
        perSecond: config.RATE_LIMIT_TENANT_PER_SECOND,
        burst: config.RATE_LIMIT_TENANT_BURST,
      },
      {
        name: 'principal',
        perSecond: config.RATE_LIMIT_PRINCIPAL_PER_SECOND,
        burst: config.RATE_LIMIT_PRINCIPAL_BURST,
      },
    );
    if (config.RATE_LIMIT_TENANT_OVERRIDES) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(config.RATE_LIMIT_TENANT_OVERRIDES);
      } catch {
        throw new Error(
          'RATE_LIMIT_TENANT_OVERRIDES must be JSON: {"<tenant id>": {"tenantPerSecond": 500, ...}}',
        );
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('RATE_LIMIT_TENANT_OVERRIDES must be a JSON object keyed by tenant id');
      }
      for (const [tenantId, o] of Object.entries(parsed as Record<string, Override>)) {
        const d = this.defaults;
        this.overrides.set(
          tenantId,
          limits(
            {
              name: 'tenant',
              perSecond: positive(o?.tenantPerSecond) ?? d.tenant.perSecond,
              burst: positive(o?.tenantBurst) ?? d.tenant.burst,
            },
            {
              name: 'principal',
              perSecond: positive(o?.principalPerSecond) ?? d.principal.perSecond,
              burst: positive(o?.principalBurst) ?? d.principal.burst,
            },
          ),
        );
      }
    }
  }

  forTenant(tenantId: string): TenantLimits {
    return this.overrides.get(tenantId) ?? this.defaults;
  }
}
