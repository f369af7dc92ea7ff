import { EventContractsByService, type EventContract } from '@baton/contracts';

const EVENTS_PREFIX = 'baton.v1.events.';

/** `baton.v1.events.planning.project.created` → `planning.project.created` */
export const webhookEventType = (subject: string) =>
  subject.startsWith(EVENTS_PREFIX) ? subject.slice(EVENTS_PREFIX.length) : subject;

/**
 * Every domain event a tenant can subscribe to: all of libs/contracts' event registry. A new
 * event contract registered there becomes a webhook event type with no change here.
 */
export const WebhookEventContracts: EventContract<unknown>[] = Object.values(EventContractsByService).flatMap(
  (byName) => Object.values(byName),
);

export const WebhookEventTypes: string[] = WebhookEventContracts.map((c) =>
  webhookEventType(c.subject),
).sort();

/**
 * A subscription entry is an event type (`planning.project.created`), a prefix wildcard
 * (`planning.project.*`, `planning.*`) or `*` for everything.
 */
export function isValidSubscription(entry: string): boolean {
  if (entry === '*') return true;
  if (entry.endsWith('.*')) {
    const prefix = entry.slice(0, -1);
    return WebhookEventTypes.some((t) => t.startsWith(prefix));
  }
  return WebhookEventTypes.includes(entry);
}

export function subscriptionMatches(entries: readonly string[], eventType: string): boolean {
  return entries.some(
    (e) => e === '*' || e === eventType || (e.endsWith('.*') && eventType.startsWith(e.slice(0, -1))),
  );
}
