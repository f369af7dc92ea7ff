import { Module } from '@nestjs/common';
import { BacklogController } from './backlog.controller.js';

@Module({ controllers: [BacklogController] })
export class BacklogModule {}
