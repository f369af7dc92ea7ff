import { Module } from '@nestjs/common';
import { TenantSettingsService } from './tenant-settings.service.js';
import { SettingsController, TenantsController } from './tenants.controller.js';
import { TenantsService } from './tenants.service.js';

/** Tenants and per-tenant settings. Exports TenantSettingsService for rate limits and webhooks. */
@Module({
  controllers: [TenantsController, SettingsController],
  providers: [TenantsService, TenantSettingsService],
  exports: [TenantsService, TenantSettingsService],
})
export class TenantsModule {}
