import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio/portfolio.module.js';
import { Clock } from '../shared/clock.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectRpcController } from './project.rpc-controller.js';
import { ProjectService } from './project.service.js';

@Module({
  imports: [PortfolioModule],
  providers: [ProjectRepository, ProjectService, ProjectRpcController, Clock],
})
export class ProjectModule {}
