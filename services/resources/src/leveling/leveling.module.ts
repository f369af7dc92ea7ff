import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { LevelingService } from './leveling.service.js';
import { PlanningReader } from './planning-reader.js';

@Module({ providers: [LevelingService, PlanningReader, Clock] })
export class LevelingModule {}
