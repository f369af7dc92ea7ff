import { loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { GatewayConfig } from '../config/env.js';
import { TenantSettingsCache } from '../tenants/tenant-settings.cache.js';
import { RateLimitPolicies } from './rate-limit.policies.js';

const T1 = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const T2 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const config = loadConfig(GatewayConfig, {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  NATS_URL: 'nats://127.0.0.1:4222',
  RATE_LIMIT_TENANT_OVERRIDES: JSON.stringify({ [T1]: { principalBurst: 7, tenantBurst: 900 } }),
});
const setting = (tenantId: string, version: number, rateLimitPerMinute: number | null) => ({
  tenantId,
  version,
  rateLimitPerMinute,
  webhookAllowPrivateTargets: false,
});

describe('RateLimitPolicies with tenant settings', () => {
  it("makes a tenant's rateLimitPerMinute its per-principal bucket: N tokens refilled over a minute", () => {
    const cache = new TenantSettingsCache();
    const policies = new RateLimitPolicies(config, cache);
    cache.apply(setting(T2, 2, 30));
    const limits = policies.forTenant(T2);
    expect(limits.principal).toEqual({ name: 'principal', perSecond: 0.5, burst: 30 });
    expect(limits.tenant).toEqual({ name: 'tenant', perSecond: 100, burst: 500 });
    expect(limits.policyHeader).toBe('"tenant";q=500;w=5, "principal";q=30;w=60');
    expect(policies.forTenant(T2)).toBe(limits); // built once, not per request
  });

  it('lets the setting win over the env override for the principal; the override still sets the tenant bucket', () => {
    const cache = new TenantSettingsCache();
    const policies = new RateLimitPolicies(config, cache);
    expect(policies.forTenant(T1).principal.burst).toBe(7);
    cache.apply(setting(T1, 2, 120));
    expect(policies.forTenant(T1).principal).toEqual({ name: 'principal', perSecond: 2, burst: 120 });
    expect(policies.forTenant(T1).tenant.burst).toBe(900);
  });

  it('follows a changed or reset setting at once', () => {
    const cache = new TenantSettingsCache();
    const policies = new RateLimitPolicies(config, cache);
    cache.apply(setting(T2, 2, 30));
    expect(policies.forTenant(T2).principal.burst).toBe(30);
    cache.apply(setting(T2, 3, 6));
    expect(policies.forTenant(T2).principal.burst).toBe(6);
    cache.apply(setting(T2, 4, null));
    expect(policies.forTenant(T2).principal).toEqual({ name: 'principal', perSecond: 20, burst: 100 });
  });
});
