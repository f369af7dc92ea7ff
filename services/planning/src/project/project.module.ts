import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio/portfolio.module.js';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectRpcController } from './project.rpc-controller.js';
import { ProjectService } from './project.service.js';

@Module({
  imports: [PortfolioModule, ScheduleModule],
  providers: [ProjectRepository, ProjectService, ProjectRpcController],
})
export class ProjectModule {}
