import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TenantsModule } from '../tenants/tenants.module.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimitPolicies } from './rate-limit.policies.js';

/** Import after AuthModule: global guards run in registration order, and this one needs the principal. */
@Module({
  imports: [TenantsModule],
  providers: [RateLimitPolicies, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
