import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { BudgetConfig } from './config/env.js';

/**
 * The budget service as the Foundation leaves it: it boots, owns the `budget` schema (the
 * platform's outbox and inbox tables so far), and answers `baton.v1.budget.health`. Its domain
 * arrives with its own issue.
 */
@Module({})
export class AppModule {
  static register(config: BudgetConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forService({ service: 'budget', config })] };
  }
}
