import { Module } from '@nestjs/common';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { BaselineRpcController } from './baseline.rpc-controller.js';
import { BaselineService } from './baseline.service.js';

/** Exports BaselineService: the change-request flow calls `saveInTx` to rebaseline on approval. */
@Module({
  imports: [ScheduleModule],
  providers: [BaselineService, BaselineRpcController],
  exports: [BaselineService],
})
export class BaselineModule {}
