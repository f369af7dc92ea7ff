import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { SprintRepository } from '../sprint/sprint.repository.js';
import { BacklogItemRepository } from './backlog-item.repository.js';
import { BacklogRpcController } from './backlog.rpc-controller.js';
import { BacklogService } from './backlog.service.js';
import { ProjectRefs } from './project-ref.js';

/** The product backlog of agile projects. Repositories are stateless, so the sprint module lists them too. */
@Module({
  providers: [
    BacklogItemRepository,
    SprintRepository,
    ProjectRefs,
    BacklogService,
    BacklogRpcController,
    Clock,
  ],
})
export class BacklogModule {}
