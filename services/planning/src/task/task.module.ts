import { Module } from '@nestjs/common';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { TaskRpcController } from './task.rpc-controller.js';
import { TaskService } from './task.service.js';

@Module({ imports: [ScheduleModule], providers: [TaskService, TaskRpcController] })
export class TaskModule {}
