import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { TenantSettingsCache } from '../tenants/tenant-settings.cache.js';
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
 * The limits of each tenant. Tenant-wide bucket: RATE_LIMIT_TENANT_* replaced field by field by
 * the tenant's entry in RATE_LIMIT_TENANT_OVERRIDES. Per-principal bucket (each user or API key),
 * first that applies: the tenant's `rateLimitPerMinute` setting (a bucket of N tokens refilled
 * at N per minute: N requests at once, the N+1th waits for the refill), else its env override, else
 * RATE_LIMIT_PRINCIPAL_*. The setting wins over the override because it is the later, audited
 * decision made through the API, and a tenant admin can only make it within the ceiling
 * (tenant-settings.policy.ts). `forTenant` runs on every request: synchronous, a map read or two
 * (settings come from TenantSettingsCache; the limits built from a setting are kept per tenant).
 */
@Injectable()
export class RateLimitPolicies {
  private readonly defaults: TenantLimits;
  private readonly overrides = new Map<string, TenantLimits>();
  /** limits built from a tenant's rateLimitPerMinute, with the value they were built from */
  private readonly fromSettings = new Map<string, { perMinute: number; limits: TenantLimits }>();

  constructor(
    config: GatewayConfig,
    private readonly settings: TenantSettingsCache,
  ) {
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
    const base = this.overrides.get(tenantId) ?? this.defaults;
    const perMinute = this.settings.peek(tenantId)?.rateLimitPerMinute ?? null;
    if (perMinute === null) return base;
    const built = this.fromSettings.get(tenantId);
    if (built?.perMinute === perMinute) return built.limits;
    const fresh = limits(base.tenant, { name: 'principal', perSecond: perMinute / 60, burst: perMinute });
    this.fromSettings.set(tenantId, { perMinute, limits: fresh });
    return fresh;
  }
}
