import { PlatformModule } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ReportingConfig } from './config/env.js';
import { CreateProjectView1763769700000 } from './database/migrations/1763769700000-CreateProjectView.js';
import { AddProjectViewProgramme1795337500000 } from './database/migrations/1795337500000-AddProjectViewProgramme.js';
import { ProjectViewEntity } from './project-view/project-view.entity.js';
import { ProjectViewModule } from './project-view/project-view.module.js';

export const ReportingPersistence = {
  entities: [ProjectViewEntity],
  migrations: [CreateProjectView1763769700000, AddProjectViewProgramme1795337500000],
};

@Module({})
export class AppModule {
  static register(config: ReportingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ service: 'reporting', config, ...ReportingPersistence }), ProjectViewModule],
    };
  }
}
