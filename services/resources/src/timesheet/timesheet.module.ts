import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { TimesheetRpcController } from './timesheet.rpc-controller.js';
import { TimesheetService } from './timesheet.service.js';

@Module({
  imports: [PersonModule],
  providers: [TimesheetService, TimesheetRpcController, Clock],
})
export class TimesheetModule {}
