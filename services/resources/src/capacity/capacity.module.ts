import { Module } from '@nestjs/common';
import { CapacityService } from './capacity.service.js';

@Module({ providers: [CapacityService] })
export class CapacityModule {}
