import { Module } from '@nestjs/common';
import { Clock } from '../shared/clock.js';
import { PortfolioRepository } from './portfolio.repository.js';
import { PortfolioRpcController } from './portfolio.rpc-controller.js';
import { PortfolioService } from './portfolio.service.js';

@Module({
  providers: [PortfolioRepository, PortfolioService, PortfolioRpcController, Clock],
  exports: [PortfolioRepository],
})
export class PortfolioModule {}
