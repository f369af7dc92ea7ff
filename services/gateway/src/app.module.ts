import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GatewayConfig } from './config/env.js';
import { CreateTenantsUsersApiKeys1763770000000 } from './database/migrations/1763770000000-CreateTenantsUsersApiKeys.js';
import { DevModule } from './dev/dev.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpDrain } from './http/http-drain.js';
import { PortfoliosModule } from './portfolios/portfolios.module.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { createValidationPipe } from './problem/validation-pipe.js';
import { ProjectsModule } from './projects/projects.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { TenantSettingsEntity } from './tenants/tenant-settings.entity.js';
import { TenantEntity } from './tenants/tenant.entity.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { TracingInterceptor } from './tracing/tracing.interceptor.js';
import { RoleAssignmentEntity } from './users/role-assignment.entity.js';
import { UserEntity } from './users/user.entity.js';
import { UsersModule } from './users/users.module.js';

/** what the gateway schema holds: used by the app and by `main.js migrate` (one entry a line: helpers add theirs) */
// prettier-ignore
export const GatewayPersistence = {
  entities: [
    TenantEntity,
    TenantSettingsEntity,
    UserEntity,
    RoleAssignmentEntity,
    ApiKeyEntity,
  ],
  migrations: [
    CreateTenantsUsersApiKeys1763770000000,
  ],
};

/**
 * The gateway: HTTP only, the one public door. Its schema `gateway` holds tenants, users, role
 * assignments, API keys and settings (GatewayPersistence); features call services through RpcClient.
 */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService({ service: 'gateway', config, ...GatewayPersistence }),
        AuthModule.register(config),
        HealthModule,
        PortfoliosModule,
        ProjectsModule,
        ReportingModule,
        TenantsModule,
        UsersModule,
        ApiKeysModule,
        ...(config.AUTH_DEV_MODE ? [DevModule.register(config)] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        HttpDrain,
      ],
    };
  }
}
