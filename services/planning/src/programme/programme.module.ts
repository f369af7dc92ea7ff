import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { PortfolioModule } from '../portfolio/portfolio.module.js';
import { ProgrammeRepository } from './programme.repository.js';
import { ProgrammeRpcController } from './programme.rpc-controller.js';
import { ProgrammeService } from './programme.service.js';

@Module({
  imports: [PortfolioModule],
  providers: [ProgrammeRepository, ProgrammeService, ProgrammeRpcController, Clock],
  exports: [ProgrammeRepository, ProgrammeService],
})
export class ProgrammeModule {}
