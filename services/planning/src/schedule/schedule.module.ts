import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { BaselineRepository } from '../baseline/baseline.repository.js';
import { CalendarRepository } from '../calendar/calendar.repository.js';
import { ProjectTimelines } from '../calendar/project-timelines.js';
import { TaskRepository } from '../task/task.repository.js';
import { ScheduleQueryService } from './schedule-query.service.js';
import { ScheduleRepository } from './schedule.repository.js';
import { ScheduleRpcController } from './schedule.rpc-controller.js';
import { ScheduleService } from './schedule.service.js';

/** The reschedule path every schedule change goes through, and the repositories it shares with the aggregates' modules. */
const shared = [
  ScheduleRepository,
  ScheduleService,
  ProjectTimelines,
  TaskRepository,
  BaselineRepository,
  CalendarRepository,
  Clock,
];

@Module({
  providers: [...shared, ScheduleQueryService, ScheduleRpcController],
  exports: shared,
})
export class ScheduleModule {}
