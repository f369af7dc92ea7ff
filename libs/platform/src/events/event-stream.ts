import { AllEventsSubject } from '@baton/contracts';
import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { NatsClient } from '../nats/nats-client.js';

/** The one JetStream stream holding every domain event (name derived from the subject prefix). */
export function streamName(prefix: string): string {
  const p = prefix.replace(/\.$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
  return p ? `BATON_EVENTS_${p}` : 'BATON_EVENTS';
}

/** how long the stream keeps events; a consumer down longer than this misses them */
export const EVENT_RETENTION_DAYS = 7;

const ensured = new WeakMap<object, Promise<string>>();

/**
 * Creates the events stream if it does not exist yet. Every service calls this at start-up;
 * the first one wins and the others find it. Events are kept 7 days (consumers that were
 * down catch up within that window) and the server drops duplicate `Nats-Msg-Id`s for 2 min.
 */
export function ensureEventStream(nats: NatsClient, replicas = 1): Promise<string> {
  let p = ensured.get(nats);
  if (!p) {
    p = doEnsure(nats, replicas);
    ensured.set(nats, p);
    p.catch(() => ensured.delete(nats));
  }
  return p;
}

/** After a publish failure: check (and if need be re-create) the stream on the next ensure. */
export function forgetEventStream(nats: NatsClient): void {
  ensured.delete(nats);
}

async function doEnsure(nats: NatsClient, replicas: number): Promise<string> {
  const jsm: JetStreamManager = await jetstreamManager(nats.connection);
  const name = streamName(nats.prefix);
  const subjects = [nats.subject(AllEventsSubject)];
  try {
    await jsm.streams.info(name);
    return name;
  } catch {
    // not found: create below
  }
  try {
    await jsm.streams.add({
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(EVENT_RETENTION_DAYS * 24 * 3600 * 1000),
      duplicate_window: nanos(2 * 60 * 1000),
      num_replicas: replicas,
    });
  } catch (err) {
    // another service created it at the same moment
    await jsm.streams.info(name).catch(() => {
      throw err;
    });
  }
  return name;
}
