import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { AssignmentRpcController } from './assignment.rpc-controller.js';
import { AssignmentService } from './assignment.service.js';
import { ProjectDirectory } from './project-directory.js';

@Module({
  imports: [PersonModule],
  providers: [AssignmentService, AssignmentRpcController, ProjectDirectory, Clock],
})
export class AssignmentModule {}
