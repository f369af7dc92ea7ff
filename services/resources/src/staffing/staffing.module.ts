import { Module } from '@nestjs/common';
import { StaffingService } from './staffing.service.js';

@Module({ providers: [StaffingService] })
export class StaffingModule {}
