import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { QualityConfig } from './config/env.js';

/**
 * The quality service as the Foundation leaves it: it boots, owns the `quality` schema (the
 * platform's outbox and inbox tables so far), and answers `baton.v1.quality.health`. Its domain
 * arrives with its own issue.
 */
@Module({})
export class AppModule {
  static register(config: QualityConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forService({ service: 'quality', config })] };
  }
}
