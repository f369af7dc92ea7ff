import { Injectable } from '@nestjs/common';

/** What other gateway features read (rate limits, webhooks): plain values. */
export interface TenantSettings {
  tenantId: string;
  /** requests per minute per API key or user; null: the gateway's default */
  rateLimitPerMinute: number | null;
  /** the webhook SSRF guard lets this tenant target private, loopback and link-local addresses */
  webhookAllowPrivateTargets: boolean;
}

/** a settings row as the cache keeps it: the values and the row's version */
export interface VersionedTenantSettings extends TenantSettings {
  version: number;
}

export const DEFAULT_TENANT_SETTINGS = {
  rateLimitPerMinute: null,
  webhookAllowPrivateTargets: false,
} as const;

/**
 * The settings of every tenant, in this replica's memory, for the request path: `get()` is a
 * synchronous map read (no database round trip per request). A tenant that is not here has the
 * defaults. TenantSettingsRefresher fills it at start-up and reloads changed rows every
 * TENANT_SETTINGS_REFRESH_MS; TenantSettingsService puts a change in at once after it commits.
 * A row replaces the cached one only if its version is not older, so a slow reload that read
 * the row before a change cannot put the old values back.
 */
@Injectable()
export class TenantSettingsCache {
  private readonly byTenant = new Map<string, VersionedTenantSettings>();

  get(tenantId: string): TenantSettings {
    return this.byTenant.get(tenantId) ?? { tenantId, ...DEFAULT_TENANT_SETTINGS };
  }

  /** the cached settings, or undefined for a tenant with the defaults (no allocation: the hot path) */
  peek(tenantId: string): Readonly<TenantSettings> | undefined {
    return this.byTenant.get(tenantId);
  }

  /** takes a row read from the database (or just written); ignores one older than what is cached */
  apply(row: VersionedTenantSettings): void {
    const cached = this.byTenant.get(row.tenantId);
    if (cached && cached.version > row.version) return;
    this.byTenant.set(row.tenantId, {
      tenantId: row.tenantId,
      rateLimitPerMinute: row.rateLimitPerMinute,
      webhookAllowPrivateTargets: row.webhookAllowPrivateTargets,
      version: row.version,
    });
  }
}
