import { describe, expect, it } from '@jest/globals';
import { TenantSettingsCache } from './tenant-settings.cache.js';
import { refusedSettingsChanges, settingsCeilingPerMinute } from './tenant-settings.policy.js';

const tenantAdmin = { platformAdmin: false };
const platformAdmin = { platformAdmin: true };
const defaults = { rateLimitPerMinute: null, webhookAllowPrivateTargets: false };
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('who may change which tenant setting', () => {
  it('refuses a tenant admin turning private webhook targets on, naming the field; a platform admin may', () => {
    expect(
      fields(refusedSettingsChanges(defaults, { webhookAllowPrivateTargets: true }, tenantAdmin, 1200)),
    ).toEqual(['webhookAllowPrivateTargets']);
    expect(
      refusedSettingsChanges(defaults, { webhookAllowPrivateTargets: true }, platformAdmin, 1200),
    ).toEqual([]);
  });

  it('lets a tenant admin turn private targets off, or re-send them on when a platform admin turned them on', () => {
    const allowed = { ...defaults, webhookAllowPrivateTargets: true };
    expect(refusedSettingsChanges(allowed, { webhookAllowPrivateTargets: false }, tenantAdmin, 1200)).toEqual(
      [],
    );
    expect(refusedSettingsChanges(allowed, { webhookAllowPrivateTargets: true }, tenantAdmin, 1200)).toEqual(
      [],
    );
  });

  it('lets a tenant admin set a limit up to the ceiling or reset it, never above', () => {
    expect(refusedSettingsChanges(defaults, { rateLimitPerMinute: 1200 }, tenantAdmin, 1200)).toEqual([]);
    expect(refusedSettingsChanges(defaults, { rateLimitPerMinute: 3 }, tenantAdmin, 1200)).toEqual([]);
    expect(refusedSettingsChanges(defaults, { rateLimitPerMinute: null }, tenantAdmin, 1200)).toEqual([]);
    const refused = refusedSettingsChanges(defaults, { rateLimitPerMinute: 1201 }, tenantAdmin, 1200);
    expect(refused).toEqual([{ field: 'rateLimitPerMinute', message: expect.stringContaining('1200') }]);
    expect(refusedSettingsChanges(defaults, { rateLimitPerMinute: 50_000 }, platformAdmin, 1200)).toEqual([]);
  });

  it('lets a tenant admin lower a limit a platform admin granted above the ceiling, not raise it', () => {
    const granted = { ...defaults, rateLimitPerMinute: 5000 };
    expect(refusedSettingsChanges(granted, { rateLimitPerMinute: 5000 }, tenantAdmin, 1200)).toEqual([]);
    expect(refusedSettingsChanges(granted, { rateLimitPerMinute: 4000 }, tenantAdmin, 1200)).toEqual([]);
    expect(fields(refusedSettingsChanges(granted, { rateLimitPerMinute: 5001 }, tenantAdmin, 1200))).toEqual([
      'rateLimitPerMinute',
    ]);
  });

  it('names every refused field at once', () => {
    const refused = refusedSettingsChanges(
      defaults,
      { rateLimitPerMinute: 9999, webhookAllowPrivateTargets: true },
      tenantAdmin,
      1200,
    );
    expect(fields(refused)).toEqual(['webhookAllowPrivateTargets', 'rateLimitPerMinute']);
  });

  it('takes the ceiling from RATE_LIMIT_SETTINGS_MAX_PER_MINUTE, else the default per-principal rate', () => {
    expect(settingsCeilingPerMinute({ RATE_LIMIT_PRINCIPAL_PER_SECOND: 20 })).toBe(1200);
    expect(settingsCeilingPerMinute({ RATE_LIMIT_PRINCIPAL_PER_SECOND: 0.001 })).toBe(1);
    expect(
      settingsCeilingPerMinute({
        RATE_LIMIT_PRINCIPAL_PER_SECOND: 20,
        RATE_LIMIT_SETTINGS_MAX_PER_MINUTE: 6000,
      }),
    ).toBe(6000);
  });
});

describe('TenantSettingsCache', () => {
  const T = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
  const row = (version: number, rateLimitPerMinute: number | null) => ({
    tenantId: T,
    version,
    rateLimitPerMinute,
    webhookAllowPrivateTargets: false,
  });

  it('answers the defaults for a tenant it does not hold', () => {
    const cache = new TenantSettingsCache();
    expect(cache.peek(T)).toBeUndefined();
    expect(cache.get(T)).toEqual({ tenantId: T, ...defaults });
  });

  it('keeps the newest version: a reload that read an older row does not undo a change', () => {
    const cache = new TenantSettingsCache();
    cache.apply(row(3, 60));
    cache.apply(row(2, 600)); // read before the change, applied after it
    expect(cache.get(T).rateLimitPerMinute).toBe(60);
    cache.apply(row(4, null));
    expect(cache.get(T).rateLimitPerMinute).toBeNull();
  });
});
