import { PlatformModule, tracingEnabled } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BaselinesModule } from './baselines/baselines.module.js';
import { CalendarsModule } from './calendars/calendars.module.js';
import { BacklogModule } from './backlog/backlog.module.js';
import { ChangeRequestsModule } from './change-requests/change-requests.module.js';
import { GatewayConfig } from './config/env.js';
import { IntegrationPersistence } from './database/integration-persistence.js';
import { CreateTenantsUsersApiKeys1763770000000 } from './database/migrations/1763770000000-CreateTenantsUsersApiKeys.js';
import { IndexTenantSettingsUpdatedAt1795326788000 } from './database/migrations/1795326788000-IndexTenantSettingsUpdatedAt.js';
import { SealIdempotencyResponses1795500000000 } from './database/migrations/1795500000000-SealIdempotencyResponses.js';
import { DependenciesModule } from './dependencies/dependencies.module.js';
import { DevModule } from './dev/dev.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpDrain } from './http/http-drain.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { PortfoliosModule } from './portfolios/portfolios.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { createValidationPipe } from './problem/validation-pipe.js';
import { ProjectsModule } from './projects/projects.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { ResourcesModule } from './resources/resources.module.js';
import { ScheduleModule } from './schedule/schedule.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { SprintsModule } from './sprints/sprints.module.js';
import { TenantSettingsEntity } from './tenants/tenant-settings.entity.js';
import { TenantEntity } from './tenants/tenant.entity.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { TracingInterceptor } from './tracing/tracing.interceptor.js';
import { RoleAssignmentEntity } from './users/role-assignment.entity.js';
import { UserEntity } from './users/user.entity.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/** what the gateway schema holds: used by the app and by `main.js migrate` (one entry a line: helpers add theirs) */
// prettier-ignore
export const GatewayPersistence = {
  entities: [
    TenantEntity,
    TenantSettingsEntity,
    UserEntity,
    RoleAssignmentEntity,
    ApiKeyEntity,
    ...IntegrationPersistence.entities,
  ],
  migrations: [
    CreateTenantsUsersApiKeys1763770000000,
    ...IntegrationPersistence.migrations,
    IndexTenantSettingsUpdatedAt1795326788000,
    SealIdempotencyResponses1795500000000,
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
        RateLimitModule, // after AuthModule: its guard needs the principal
        IdempotencyModule,
        AuditModule,
        WebhooksModule,
        HealthModule,
        PortfoliosModule,
        ProgrammesModule,
        ProjectsModule,
        ReportingModule,
        ResourcesModule,
        TasksModule,
        DependenciesModule,
        CalendarsModule,
        ScheduleModule,
        BaselinesModule,
        BacklogModule,
        SprintsModule,
        ChangeRequestsModule,
        TenantsModule,
        UsersModule,
        ApiKeysModule,
        ...(config.AUTH_DEV_MODE ? [DevModule.register(config)] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // only while tracing is on: any global interceptor puts every request through Nest's rxjs pipeline
        ...(tracingEnabled() ? [{ provide: APP_INTERCEPTOR, useClass: TracingInterceptor }] : []),
        { provide: APP_PIPE, useFactory: createValidationPipe },
        HttpDrain,
      ],
    };
  }
}
