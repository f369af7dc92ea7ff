import { LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/env.js';
import { TenantSettingsCache, type VersionedTenantSettings } from './tenant-settings.cache.js';

/**
 * Rows changed this long before the last reload are read again: covers a transaction that took
 * `now()` (its start) before the reload and committed after it.
 */
const OVERLAP = '60 seconds';

const COLUMNS = `tenant_id AS "tenantId", rate_limit_per_minute AS "rateLimitPerMinute",
  webhook_allow_private_targets AS "webhookAllowPrivateTargets", version`;

/**
 * Keeps TenantSettingsCache in step with `gateway.tenant_settings`: at start-up it loads every
 * tenant whose settings differ from the defaults (before the gateway takes requests), then every
 * TENANT_SETTINGS_REFRESH_MS it reads the rows changed since the last reload (`updated_at`, set
 * from the database clock, with an overlap), so the cost follows changes, not tenants. Changes
 * made through another replica therefore apply here within one interval. A failed reload is
 * logged and retried at the next tick; the cache keeps serving what it had.
 */
@Injectable()
export class TenantSettingsRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private since?: Date;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: TenantSettingsCache,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.TENANT_SETTINGS_REFRESH_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** one reload (concurrent calls share it); never throws */
  refresh(): Promise<void> {
    this.running ??= this.reload()
      .catch((err: unknown) =>
        this.logger.warn({ err }, 'reloading tenant settings failed; keeping the cached ones'),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async reload(): Promise<void> {
    const [{ now }] = (await this.dataSource.query('SELECT now() AS now')) as [{ now: Date }];
    const rows = (
      this.since === undefined
        ? await this.dataSource.query(
            `SELECT ${COLUMNS} FROM gateway.tenant_settings
             WHERE rate_limit_per_minute IS NOT NULL OR webhook_allow_private_targets`,
          )
        : await this.dataSource.query(
            `SELECT ${COLUMNS} FROM gateway.tenant_settings WHERE updated_at >= $1::timestamptz - interval '${OVERLAP}'`,
            [this.since],
          )
    ) as VersionedTenantSettings[];
    for (const row of rows) this.cache.apply(row);
    this.since = now;
  }
}
