import { ConfigError, loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { RateLimitPolicies } from '../rate-limit/rate-limit.policies.js';
import { TenantSettingsCache } from '../tenants/tenant-settings.cache.js';
import { PrivateTargetPolicy } from '../webhooks/private-targets.js';
import { GatewayConfig } from './env.js';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  NATS_URL: 'nats://127.0.0.1:4222',
};
const T1 = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const T2 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const problemFields = (env: Record<string, string>): string[] => {
  try {
    loadConfig(GatewayConfig, { ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => JSON.stringify(p));
    throw err;
  }
  return [];
};

describe('GatewayConfig: idempotency, rate limits, audit, webhooks', () => {
  it('has defaults: keys kept 24 h, limits on, private webhook targets refused', () => {
    const c = loadConfig(GatewayConfig, base);
    expect(c).toMatchObject({
      IDEMPOTENCY_TTL_HOURS: 24,
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_PRINCIPAL_PER_SECOND: 20,
      RATE_LIMIT_TENANT_BURST: 500,
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false',
      WEBHOOK_MAX_ATTEMPTS: 10,
    });
    expect(new PrivateTargetPolicy(c, new TenantSettingsCache()).allows(T1)).toBe(false);
  });

  it('allows private targets for every tenant or for listed tenants only', () => {
    expect(
      new PrivateTargetPolicy(
        loadConfig(GatewayConfig, { ...base, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' }),
        new TenantSettingsCache(),
      ).allows(T2),
    ).toBe(true);
    const listed = new PrivateTargetPolicy(
      loadConfig(GatewayConfig, { ...base, WEBHOOKS_ALLOW_PRIVATE_TARGETS: T1 }),
      new TenantSettingsCache(),
    );
    expect(listed.allows(T1)).toBe(true);
    expect(listed.allows(T2)).toBe(false);
  });

  it('refuses malformed values, naming the variable', () => {
    expect(problemFields({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'yes please' }).join()).toContain(
      'WEBHOOKS_ALLOW_PRIVATE_TARGETS',
    );
    expect(problemFields({ RATE_LIMIT_PRINCIPAL_PER_SECOND: '0' }).join()).toContain(
      'RATE_LIMIT_PRINCIPAL_PER_SECOND',
    );
    expect(problemFields({ IDEMPOTENCY_TTL_HOURS: 'forever' }).join()).toContain('IDEMPOTENCY_TTL_HOURS');
    const shortKey = Buffer.alloc(16, 1).toString('base64');
    expect(problemFields({ WEBHOOK_SECRET_KEY: shortKey }).join()).toContain('WEBHOOK_SECRET_KEY');
    expect(problemFields({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') })).toEqual([]);
    expect(problemFields({ TENANT_SETTINGS_REFRESH_MS: '10' }).join()).toContain(
      'TENANT_SETTINGS_REFRESH_MS',
    );
  });

  it('applies per-tenant rate-limit overrides field by field, and refuses overrides that are not JSON', () => {
    const c = loadConfig(GatewayConfig, {
      ...base,
      RATE_LIMIT_TENANT_OVERRIDES: JSON.stringify({ [T1]: { tenantBurst: 9 } }),
    });
    const policies = new RateLimitPolicies(c, new TenantSettingsCache());
    expect(policies.forTenant(T1).tenant).toEqual({ name: 'tenant', perSecond: 100, burst: 9 });
    expect(policies.forTenant(T2).tenant.burst).toBe(500);
    expect(
      () =>
        new RateLimitPolicies(
          loadConfig(GatewayConfig, { ...base, RATE_LIMIT_TENANT_OVERRIDES: '{nope' }),
          new TenantSettingsCache(),
        ),
    ).toThrow('RATE_LIMIT_TENANT_OVERRIDES');
  });
});
