import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { ProjectRefs } from '../backlog/project-ref.js';
import { BaselineModule } from '../baseline/baseline.module.js';
import { ChangeRequestRepository } from './change-request.repository.js';
import { ChangeRequestRpcController } from './change-request.rpc-controller.js';
import { ChangeRequestService } from './change-request.service.js';

/** Change control: change requests, their approval workflow and decision audit. */
@Module({
  imports: [BaselineModule],
  providers: [ChangeRequestRepository, ProjectRefs, ChangeRequestService, ChangeRequestRpcController, Clock],
})
export class ChangeRequestModule {}
