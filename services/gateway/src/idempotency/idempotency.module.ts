import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { IdempotencyGuard } from './idempotency.guard.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotentReplayFilter } from './idempotent-replay.js';

@Module({
  providers: [
    IdempotencyRepository,
    // after AuthModule and RateLimitModule in GatewayModule's imports: global guards run in that order
    { provide: APP_GUARD, useClass: IdempotencyGuard },
    { provide: APP_FILTER, useClass: IdempotentReplayFilter },
  ],
})
export class IdempotencyModule {}
