import type { EventContract, EventEnvelope } from '@baton/contracts';
import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const EVENT_HANDLER = Symbol('EVENT_HANDLER');

export interface EventHandlerOptions {
  /** durable consumer name, unique in the service (e.g. `project-view`) */
  name: string;
  /** the events this handler understands; the consumer's filter is derived from them */
  events: EventContract<unknown>[];
}

/**
 * Marks `method(event, manager)` as an idempotent JetStream consumer. It runs inside a
 * transaction that also records the event id in the inbox: a redelivered event is acked
 * without calling the handler again, and a failing handler leaves no trace and is retried.
 */
export const EventHandler = (options: EventHandlerOptions) => SetMetadata(EVENT_HANDLER, options);

export type EventHandlerFn = (event: EventEnvelope<unknown>, manager: EntityManager) => Promise<void>;

/**
 * The narrowest single filter subject covering every event (nats-server 2.9 supports one
 * filter per consumer): `a.b.c.x` and `a.b.c.y` → `a.b.c.*`; `a.b.x.y` and `a.c.z.w` → `a.>`.
 */
export function filterFor(subjects: string[]): string {
  if (subjects.length === 0) throw new Error('an event handler needs at least one event');
  if (new Set(subjects).size === 1) return subjects[0]!;
  const split = subjects.map((s) => s.split('.'));
  const common: string[] = [];
  for (let i = 0; ; i++) {
    const token = split[0]![i];
    if (token === undefined || !split.every((t) => t[i] === token)) break;
    common.push(token);
  }
  const sameLength = split.every((t) => t.length === common.length + 1);
  return [...common, sameLength ? '*' : '>'].join('.');
}
