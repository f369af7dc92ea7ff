import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { Clock } from '../shared/clock.js';
import { TimesheetRpcController } from './timesheet.rpc-controller.js';
import { TimesheetService } from './timesheet.service.js';

@Module({
  imports: [PersonModule],
  providers: [TimesheetService, TimesheetRpcController, Clock],
})
export class TimesheetModule {}
