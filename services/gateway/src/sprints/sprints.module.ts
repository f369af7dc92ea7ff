import { Module } from '@nestjs/common';
import { SprintsController } from './sprints.controller.js';

@Module({ controllers: [SprintsController] })
export class SprintsModule {}
