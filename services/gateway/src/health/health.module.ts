import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { SystemStatusController } from './system-status.controller.js';
import { SystemStatusService } from './system-status.service.js';

@Module({
  controllers: [HealthController, SystemStatusController],
  providers: [SystemStatusService],
})
export class HealthModule {}
