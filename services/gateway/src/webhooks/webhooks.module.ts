import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module.js';
import { PrivateTargetPolicy } from './private-targets.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { WebhookEventsHandler } from './webhook-events.handler.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

@Module({
  imports: [TenantsModule],
  controllers: [WebhooksController],
  providers: [
    PrivateTargetPolicy,
    WebhookEndpointRepository,
    WebhookDeliveryRepository,
    WebhookDeliveryWorker,
    WebhookEventsHandler,
    WebhookSecrets,
    WebhooksService,
  ],
})
export class WebhooksModule {}
