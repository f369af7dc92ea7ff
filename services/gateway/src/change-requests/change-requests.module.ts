import { Module } from '@nestjs/common';
import { ChangeRequestsController } from './change-requests.controller.js';

@Module({ controllers: [ChangeRequestsController] })
export class ChangeRequestsModule {}
