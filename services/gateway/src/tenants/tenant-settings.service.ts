import { NotFoundError, VersionMismatchError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TtlCache } from '../auth/ttl-cache.js';
import { GatewayConfig } from '../config/env.js';
import { TenantSettingsEntity } from './tenant-settings.entity.js';
import { TenantEntity } from './tenant.entity.js';
import type { TenantSettingsResponse, UpdateTenantSettingsBody } from './tenants.dto.js';

/** What other gateway features read (rate limits, webhooks): plain values, cached. */
export interface TenantSettings {
  tenantId: string;
  /** requests per minute per API key or user; null: the gateway's default */
  rateLimitPerMinute: number | null;
  /** the webhook SSRF guard lets this tenant target private, loopback and link-local addresses */
  webhookAllowPrivateTargets: boolean;
}

const DEFAULTS = { rateLimitPerMinute: null, webhookAllowPrivateTargets: false } as const;

/**
 * Per-tenant settings. `forTenant()` is for the request path (cached for AUTH_CACHE_TTL_MS;
 * defaults for a tenant without a row); `read`/`update` back `GET/PATCH /settings`.
 */
@Injectable()
export class TenantSettingsService {
  private readonly cache: TtlCache<Promise<TenantSettings>>;

  constructor(
    private readonly dataSource: DataSource,
    config: GatewayConfig,
  ) {
    this.cache = new TtlCache(config.AUTH_CACHE_TTL_MS);
  }

  forTenant(tenantId: string): Promise<TenantSettings> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const loading = this.dataSource
      .getRepository(TenantSettingsEntity)
      .findOneBy({ tenantId })
      .then((row) => ({ tenantId, ...DEFAULTS, ...(row ? pickSettings(row) : {}) }));
    this.cache.set(tenantId, loading);
    loading.catch(() => this.cache.delete(tenantId));
    return loading;
  }

  async read(tenantId: string): Promise<TenantSettingsResponse> {
    return toResponse(await this.ensureRow(tenantId));
  }

  async update(
    tenantId: string,
    changes: UpdateTenantSettingsBody,
    expectedVersion?: number,
  ): Promise<TenantSettingsResponse> {
    await this.ensureRow(tenantId);
    const saved = await this.dataSource.transaction(async (m) => {
      const row = await m
        .getRepository(TenantSettingsEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.tenant_id = :tenantId', { tenantId })
        .getOneOrFail();
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new VersionMismatchError('settings', tenantId, expectedVersion, row.version);
      }
      if (changes.rateLimitPerMinute !== undefined) row.rateLimitPerMinute = changes.rateLimitPerMinute;
      if (changes.webhookAllowPrivateTargets !== undefined)
        row.webhookAllowPrivateTargets = changes.webhookAllowPrivateTargets;
      row.version += 1;
      row.updatedAt = new Date();
      return m.getRepository(TenantSettingsEntity).save(row);
    });
    this.cache.delete(tenantId);
    return toResponse(saved);
  }

  /** the settings row, created with defaults for a tenant that has none yet */
  private async ensureRow(tenantId: string): Promise<TenantSettingsEntity> {
    const repo = this.dataSource.getRepository(TenantSettingsEntity);
    const row = await repo.findOneBy({ tenantId });
    if (row) return row;
    if (!(await this.dataSource.getRepository(TenantEntity).existsBy({ id: tenantId })))
      throw new NotFoundError('tenant', tenantId);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId, ...DEFAULTS })
      .orIgnore()
      .execute();
    return repo.findOneByOrFail({ tenantId });
  }
}

const pickSettings = (row: TenantSettingsEntity) => ({
  rateLimitPerMinute: row.rateLimitPerMinute,
  webhookAllowPrivateTargets: row.webhookAllowPrivateTargets,
});

const toResponse = (row: TenantSettingsEntity): TenantSettingsResponse => ({
  ...pickSettings(row),
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});
