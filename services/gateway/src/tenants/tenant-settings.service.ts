import { NotFoundError, VersionMismatchError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/env.js';
import { DEFAULT_TENANT_SETTINGS, TenantSettingsCache } from './tenant-settings.cache.js';
import { TenantSettingsEntity } from './tenant-settings.entity.js';
import {
  refusedSettingsChanges,
  settingsCeilingPerMinute,
  SettingsChangeForbidden,
  type SettingsEditor,
} from './tenant-settings.policy.js';
import { TenantEntity } from './tenant.entity.js';
import type { TenantSettingsResponse, UpdateTenantSettingsBody } from './tenants.dto.js';

/**
 * Per-tenant settings behind `GET/PATCH /settings` (the caller's tenant) and
 * `GET/PATCH /tenants/{id}/settings` (platform admins). Who may set what: tenant-settings.policy.ts.
 * The request path never calls this: rate limits and webhooks read TenantSettingsCache, which a
 * change here updates as soon as it commits.
 */
@Injectable()
export class TenantSettingsService {
  private readonly ceiling: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: TenantSettingsCache,
    config: GatewayConfig,
  ) {
    this.ceiling = settingsCeilingPerMinute(config);
  }

  async read(tenantId: string): Promise<TenantSettingsResponse> {
    return toResponse(await this.ensureRow(tenantId));
  }

  async update(
    tenantId: string,
    changes: UpdateTenantSettingsBody,
    editor: SettingsEditor,
    expectedVersion?: number,
  ): Promise<TenantSettingsResponse> {
    await this.ensureRow(tenantId);
    const saved = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(TenantSettingsEntity);
      const row = await repo
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.tenant_id = :tenantId', { tenantId })
        .getOneOrFail();
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new VersionMismatchError('settings', tenantId, expectedVersion, row.version);
      }
      const refused = refusedSettingsChanges(row, changes, editor, this.ceiling);
      if (refused.length) throw new SettingsChangeForbidden(refused);
      const before = pickSettings(row);
      if (changes.rateLimitPerMinute !== undefined) row.rateLimitPerMinute = changes.rateLimitPerMinute;
      if (changes.webhookAllowPrivateTargets !== undefined)
        row.webhookAllowPrivateTargets = changes.webhookAllowPrivateTargets;
      // Nothing changed (an empty body, the values it already has): same version, same ETag.
      const after = pickSettings(row);
      if ((Object.keys(after) as (keyof typeof after)[]).every((k) => after[k] === before[k])) return row;
      row.version += 1;
      // the database clock: other replicas reload rows by updated_at (TenantSettingsRefresher)
      const [{ now }] = (await m.query('SELECT now() AS now')) as [{ now: Date }];
      row.updatedAt = now;
      return repo.save(row);
    });
    this.cache.apply({ ...pickSettings(saved), tenantId, version: saved.version });
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
      .values({ tenantId, ...DEFAULT_TENANT_SETTINGS })
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
