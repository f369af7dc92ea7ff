import { Module } from '@nestjs/common';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { CalendarRpcController } from './calendar.rpc-controller.js';
import { CalendarService } from './calendar.service.js';

@Module({ imports: [ScheduleModule], providers: [CalendarService, CalendarRpcController] })
export class CalendarModule {}
