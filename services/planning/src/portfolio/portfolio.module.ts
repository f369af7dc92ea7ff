import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { PortfolioRepository } from './portfolio.repository.js';
import { PortfolioRpcController } from './portfolio.rpc-controller.js';
import { PortfolioService } from './portfolio.service.js';

@Module({
  providers: [PortfolioRepository, PortfolioService, PortfolioRpcController, Clock],
  exports: [PortfolioRepository],
})
export class PortfolioModule {}
