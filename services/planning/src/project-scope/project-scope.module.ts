import { Module } from '@nestjs/common';
import { ProjectScopeRepository } from './project-scope.repository.js';
import { ProjectScopeRpcController } from './project-scope.rpc-controller.js';

/** Answers the gateway's "which project is this object in?" (authorisation by project role). */
@Module({ providers: [ProjectScopeRepository, ProjectScopeRpcController] })
export class ProjectScopeModule {}
