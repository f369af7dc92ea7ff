import { Module } from '@nestjs/common';
import { HolidayService } from './holiday.service.js';

@Module({ providers: [HolidayService] })
export class CalendarModule {}
