import { Module } from '@nestjs/common';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { DependencyRepository } from './dependency.repository.js';
import { DependencyRpcController } from './dependency.rpc-controller.js';
import { DependencyService } from './dependency.service.js';

@Module({
  imports: [ScheduleModule],
  providers: [DependencyRepository, DependencyService, DependencyRpcController],
})
export class DependencyModule {}
