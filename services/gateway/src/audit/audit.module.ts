import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditWriter } from './audit-writer.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { OperationIndex } from './operation-index.js';

@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditWriter, OperationIndex],
  exports: [AuditWriter],
})
export class AuditModule {}
