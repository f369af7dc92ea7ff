import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { PlanningConfig } from './config/env.js';
import { BaselineEntity, BaselineTaskEntity } from './baseline/baseline.entity.js';
import { BaselineModule } from './baseline/baseline.module.js';
import { CalendarEntity } from './calendar/calendar.entity.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { BacklogModule } from './backlog/backlog.module.js';
import { ChangeRequestModule } from './change-request/change-request.module.js';
import { AgilePersistence } from './sprint/agile.persistence.js';
import { SprintModule } from './sprint/sprint.module.js';
import { CreatePortfolioAndProject1763769600000 } from './database/migrations/1763769600000-CreatePortfolioAndProject.js';
import { CreateScheduling1763856000000 } from './database/migrations/1763856000000-CreateScheduling.js';
import { DependencyEntity } from './dependency/dependency.entity.js';
import { DependencyModule } from './dependency/dependency.module.js';
import { PortfolioEntity } from './portfolio/portfolio.entity.js';
import { PortfolioModule } from './portfolio/portfolio.module.js';
import { CreateProgramme1795337400000 } from './database/migrations/1795337400000-CreateProgramme.js';
import { ProgrammeEntity } from './programme/programme.entity.js';
import { ProgrammeModule } from './programme/programme.module.js';
import { ProjectEntity } from './project/project.entity.js';
import { ProjectModule } from './project/project.module.js';
import { ProjectScopeModule } from './project-scope/project-scope.module.js';
import { ScheduleModule } from './schedule/schedule.module.js';
import { TaskEntity } from './task/task.entity.js';
import { TaskModule } from './task/task.module.js';

/** what the planning schema holds: used by the app and by `main.js migrate` */
export const PlanningPersistence = {
  entities: [
    PortfolioEntity,
    ProgrammeEntity,
    ProjectEntity,
    CalendarEntity,
    TaskEntity,
    DependencyEntity,
    BaselineEntity,
    BaselineTaskEntity,
    ...AgilePersistence.entities,
  ],
  migrations: [
    CreatePortfolioAndProject1763769600000,
    CreateScheduling1763856000000,
    ...AgilePersistence.migrations,
    CreateProgramme1795337400000,
  ],
};

@Module({})
export class AppModule {
  static register(config: PlanningConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ service: 'planning', config, ...PlanningPersistence }),
        PortfolioModule,
        ProgrammeModule,
        ProjectModule,
        ScheduleModule,
        TaskModule,
        DependencyModule,
        CalendarModule,
        BaselineModule,
        BacklogModule,
        SprintModule,
        ChangeRequestModule,
        ProjectScopeModule,
      ],
    };
  }
}
