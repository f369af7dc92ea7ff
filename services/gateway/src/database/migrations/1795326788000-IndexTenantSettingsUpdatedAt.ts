import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every gateway replica polls `gateway.tenant_settings WHERE updated_at >= $1` every
 * TENANT_SETTINGS_REFRESH_MS (TenantSettingsRefresher): an index keeps that proportional to the
 * rows changed, not to the tenants. The table has one small row per tenant, so a plain CREATE
 * INDEX (migrations run in a transaction each) holds its lock only briefly.
 */
export class IndexTenantSettingsUpdatedAt1795326788000 implements MigrationInterface {
  name = 'IndexTenantSettingsUpdatedAt1795326788000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tenant_settings_updated_idx ON gateway.tenant_settings (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX gateway.tenant_settings_updated_idx`);
  }
}
