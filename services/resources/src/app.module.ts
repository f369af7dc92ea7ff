import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ResourcesConfig } from './config/env.js';

/**
 * The resources service as the Foundation leaves it: it boots, owns the `resources` schema (the
 * platform's outbox and inbox tables so far), and answers `baton.v1.resources.health`. Its domain
 * arrives with its own issue.
 */
@Module({})
export class AppModule {
  static register(config: ResourcesConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forService({ service: 'resources', config })] };
  }
}
