import { Module } from '@nestjs/common';
import { ProgrammesController } from './programmes.controller.js';

@Module({ controllers: [ProgrammesController] })
export class ProgrammesModule {}
