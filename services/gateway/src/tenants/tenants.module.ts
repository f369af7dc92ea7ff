import { Module } from '@nestjs/common';
import { TenantSettingsCache } from './tenant-settings.cache.js';
import { SettingsController, TenantSettingsController } from './tenant-settings.controller.js';
import { TenantSettingsRefresher } from './tenant-settings.refresher.js';
import { TenantSettingsService } from './tenant-settings.service.js';
import { TenantsController } from './tenants.controller.js';
import { TenantsService } from './tenants.service.js';

/**
 * Tenants and per-tenant settings. Exports TenantSettingsCache, the synchronous view of every
 * tenant's settings that the rate limiter and webhooks read.
 */
@Module({
  controllers: [TenantsController, TenantSettingsController, SettingsController],
  providers: [TenantsService, TenantSettingsService, TenantSettingsCache, TenantSettingsRefresher],
  exports: [TenantsService, TenantSettingsService, TenantSettingsCache],
})
export class TenantsModule {}
