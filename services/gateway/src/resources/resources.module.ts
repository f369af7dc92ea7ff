import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller.js';
import { CapacityController } from './capacity.controller.js';
import { HolidaysController } from './holidays.controller.js';
import { LevelingController } from './leveling.controller.js';
import { OrganisationController } from './organisation.controller.js';
import { PeopleController } from './people.controller.js';
import { TimesheetsController } from './timesheets.controller.js';

/** People, skills, holidays, teams, assets, vendors, assignments, capacity, staffing and timesheets over HTTP; the resources service owns them. */
@Module({
  controllers: [
    PeopleController,
    HolidaysController,
    OrganisationController,
    LevelingController,
    AssignmentsController,
    CapacityController,
    TimesheetsController,
  ],
})
export class ResourcesModule {}
