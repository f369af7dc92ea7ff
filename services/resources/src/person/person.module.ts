import { Module } from '@nestjs/common';
import { Clock } from '../shared/clock.js';
import { PersonRepository } from './person.repository.js';
import { PersonRpcController } from './person.rpc-controller.js';
import { PersonService } from './person.service.js';

@Module({
  providers: [PersonRepository, PersonService, PersonRpcController, Clock],
  exports: [PersonRepository],
})
export class PersonModule {}
