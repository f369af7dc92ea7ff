import { Module } from '@nestjs/common';
import { Clock } from '../shared/clock.js';
import { LevelingService } from './leveling.service.js';
import { PlanningReader } from './planning-reader.js';

@Module({ providers: [LevelingService, PlanningReader, Clock] })
export class LevelingModule {}
