import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { RiskConfig } from './config/env.js';

/**
 * The risk service as the Foundation leaves it: it boots, owns the `risk` schema (the
 * platform's outbox and inbox tables so far), and answers `baton.v1.risk.health`. Its domain
 * arrives with its own issue.
 */
@Module({})
export class AppModule {
  static register(config: RiskConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forService({ service: 'risk', config })] };
  }
}
