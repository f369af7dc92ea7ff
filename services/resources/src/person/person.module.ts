import { Clock } from '@baton/platform';
import { Module } from '@nestjs/common';
import { PersonRepository } from './person.repository.js';
import { PersonRpcController } from './person.rpc-controller.js';
import { PersonService } from './person.service.js';

@Module({
  providers: [PersonRepository, PersonService, PersonRpcController, Clock],
  exports: [PersonRepository],
})
export class PersonModule {}
