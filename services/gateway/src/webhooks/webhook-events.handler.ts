import type { EventEnvelope } from '@baton/contracts';
import { EventHandler } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { subscriptionMatches, WebhookEventContracts, webhookEventType } from './event-types.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';

/** What a receiver gets: the Standard Webhooks payload shape `{ type, timestamp, data }`. */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  eventId: string;
  tenantId: string;
  aggregate: { type: string; id: string; version: number };
  data: unknown;
}

/**
 * Every domain event in the contracts registry (durable consumer `gateway-webhooks`) becomes one
 * pending delivery per subscribed endpoint of the event's tenant. The deliveries are written in
 * the consumer's transaction, with the inbox row: an event is queued once, or not at all and
 * redelivered by JetStream.
 */
@Injectable()
export class WebhookEventsHandler {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  @EventHandler({ name: 'webhooks', events: WebhookEventContracts })
  async onEvent(event: EventEnvelope<unknown>, manager: EntityManager): Promise<void> {
    const type = webhookEventType(event.type);
    const subscribed = (await this.endpoints.enabledFor(manager, event.tenantId)).filter((e) =>
      subscriptionMatches(e.eventTypes, type),
    );
    if (subscribed.length === 0) return;
    const payload: WebhookPayload = {
      type,
      timestamp: event.occurredAt,
      eventId: event.id,
      tenantId: event.tenantId,
      aggregate: event.aggregate,
      data: event.data,
    };
    await this.deliveries.enqueue(
      manager,
      subscribed.map((e) => ({
        id: randomUUID(),
        tenantId: event.tenantId,
        endpointId: e.id,
        eventId: event.id,
        eventType: type,
        payload,
      })),
    );
    // the transaction commits when this returns; the worker looks a moment later
    setTimeout(() => this.worker.kick(), 20).unref();
  }
}
