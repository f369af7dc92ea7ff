import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { BacklogItemRepository } from '../backlog/backlog-item.repository.js';
import { ProjectRefs } from '../backlog/project-ref.js';
import { SprintRepository } from './sprint.repository.js';
import { SprintRpcController } from './sprint.rpc-controller.js';
import { SprintService } from './sprint.service.js';

/** Sprints of agile projects: dates, capacity, commitment, start/close, velocity. */
@Module({
  providers: [
    SprintRepository,
    BacklogItemRepository,
    ProjectRefs,
    SprintService,
    SprintRpcController,
    Clock,
  ],
})
export class SprintModule {}
