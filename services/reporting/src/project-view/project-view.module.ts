import { Module } from '@nestjs/common';
import { ProjectViewHandlers } from './project-view.handlers.js';
import { ProjectViewRepository } from './project-view.repository.js';
import { ProjectViewService } from './project-view.service.js';

@Module({ providers: [ProjectViewRepository, ProjectViewService, ProjectViewHandlers] })
export class ProjectViewModule {}
