import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio/portfolio.module.js';
import { ProgrammeModule } from '../programme/programme.module.js';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { ProjectMembership } from './project-membership.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectRpcController } from './project.rpc-controller.js';
import { ProjectService } from './project.service.js';

@Module({
  imports: [PortfolioModule, ProgrammeModule, ScheduleModule],
  providers: [ProjectRepository, ProjectService, ProjectRpcController, ProjectMembership],
})
export class ProjectModule {}
