import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { AssignmentEntity } from './assignment/assignment.entity.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { CapacityModule } from './capacity/capacity.module.js';
import type { ResourcesConfig } from './config/env.js';
import { CreateResources1763772000000 } from './database/migrations/1763772000000-CreateResources.js';
import { LevelingRunEntity } from './leveling/leveling-run.entity.js';
import { LevelingModule } from './leveling/leveling.module.js';
import {
  LeaveEntity,
  PersonEntity,
  PersonSkillEntity,
  PublicHolidayEntity,
  SkillEntity,
} from './person/person.entity.js';
import {
  AssetEntity,
  TeamEntity,
  TeamMemberEntity,
  VendorContractEntity,
  VendorEntity,
} from './organisation/organisation.entity.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { PersonModule } from './person/person.module.js';
import { ProjectScopeModule } from './project-scope/project-scope.module.js';
import { StaffingModule } from './staffing/staffing.module.js';
import { TimeEntryEntity, TimesheetEntity } from './timesheet/timesheet.entity.js';
import { TimesheetModule } from './timesheet/timesheet.module.js';

/** what the resources schema holds: used by the app and by `main.js migrate` */
export const ResourcesPersistence = {
  entities: [
    SkillEntity,
    PersonEntity,
    PersonSkillEntity,
    LeaveEntity,
    PublicHolidayEntity,
    TeamEntity,
    TeamMemberEntity,
    AssetEntity,
    VendorEntity,
    VendorContractEntity,
    AssignmentEntity,
    TimesheetEntity,
    TimeEntryEntity,
    LevelingRunEntity,
  ],
  migrations: [CreateResources1763772000000],
};

/** People, skills, leave, assignments with approval, capacity and load, skill-based staffing, timesheets. */
@Module({})
export class AppModule {
  static register(config: ResourcesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'resources', config, ...ResourcesPersistence }),
        PersonModule,
        CalendarModule,
        OrganisationModule,
        AssignmentModule,
        CapacityModule,
        StaffingModule,
        LevelingModule,
        TimesheetModule,
        ProjectScopeModule,
      ],
    };
  }
}
