import { Module } from '@nestjs/common';
import { OrganisationService } from './organisation.service.js';

@Module({ providers: [OrganisationService] })
export class OrganisationModule {}
