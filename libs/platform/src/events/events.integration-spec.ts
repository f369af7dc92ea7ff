import { event as defineEvent, type EventEnvelope } from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { IsString } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { BaseConfig } from '../config/base-config.js';
import { loadConfig } from '../config/load-config.js';
import { NatsClient } from '../nats/nats-client.js';
import { UnitOfWork } from '../outbox/unit-of-work.js';
import { PlatformModule } from '../platform.module.js';
import { EventConsumers } from './event-consumers.js';
import { EventHandler } from './event-handler.decorator.js';
import { streamName } from './event-stream.js';

class ThingHappened {
  @IsString()
  name: string;
}
const thingHappened = defineEvent('baton.v1.events.probe.thing.happened', 'thing', ThingHappened);
const TENANT = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';

class CreateApplied1700000000100 implements MigrationInterface {
  name = 'CreateApplied1700000000100';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE probe.applied (event_id uuid PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE probe.applied`);
  }
}

@Injectable()
class Things {
  readonly deliveries = new Map<string, number>();
  constructor(private readonly uow: UnitOfWork) {}

  emit(name: string, fail?: Error): Promise<void> {
    return this.uow.run(async (tx) => {
      tx.emit(thingHappened, { tenantId: TENANT, actor: null, aggregateId: randomUUID(), version: 1, data: { name } });
      if (fail) throw fail;
    });
  }

  /** fails the first two deliveries of a `flaky-*` thing, after writing: the write must roll back */
  @EventHandler({ name: 'things', events: [thingHappened] })
  async onThing(event: EventEnvelope<unknown>, manager: EntityManager): Promise<void> {
    const { name } = event.data as ThingHappened;
    const n = (this.deliveries.get(name) ?? 0) + 1;
    this.deliveries.set(name, n);
    await manager.query(`INSERT INTO probe.applied (event_id, name) VALUES ($1, $2)`, [event.id, name]);
    if (name.startsWith('flaky') && n < 3) throw new Error(`transient failure #${n}`);
  }
}

@Module({ providers: [Things] })
class ThingsModule {}

describe('outbox and idempotent consumer', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let things: Things;
  let db: DataSource;

  const applied = async (name: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM probe.applied WHERE name = $1`, [name]))[0].n as number;

  beforeAll(async () => {
    env = await createTestEnvironment();
    const config = loadConfig(BaseConfig, env.env());
    app = await startService({
      module: class ProbeApp {},
      imports: [PlatformModule.forService({ service: 'probe', config, migrations: [CreateApplied1700000000100] }), ThingsModule],
    });
    things = app.get(Things);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('delivers an emitted event to the handler once', async () => {
    await things.emit('plain');
    await waitFor(async () => (await applied('plain')) === 1, { what: 'the event to be applied' });
  });

  it('writes no event when the transaction that emitted it rolls back', async () => {
    await expect(things.emit('rolled-back', new Error('change failed'))).rejects.toThrow('change failed');
    await things.emit('after-rollback');
    await waitFor(async () => (await applied('after-rollback')) === 1, { what: 'the next event' });
    expect(things.deliveries.has('rolled-back')).toBe(false);
    const rows = await db.query(`SELECT count(*)::int AS n FROM probe.outbox WHERE payload->'data'->>'name' = 'rolled-back'`);
    expect(rows[0].n).toBe(0);
  });

  it('retries a failing handler, keeping none of its partial work, until it succeeds once', async () => {
    await things.emit('flaky-1');
    await waitFor(async () => (await applied('flaky-1')) === 1, { what: 'the flaky event to succeed', timeoutMs: 20_000 });
    expect(things.deliveries.get('flaky-1')).toBe(3);
    const inbox = await db.query(`SELECT count(*)::int AS n FROM probe.inbox WHERE consumer = 'probe-things'`);
    expect(inbox[0].n).toBeGreaterThanOrEqual(1);
  });

  it('prunes inbox rows older than the stream keeps events, and only those', async () => {
    const consumers = app.get(EventConsumers);
    const old = randomUUID();
    await db.query(`INSERT INTO probe.inbox (consumer, event_id, subject, handled_at) VALUES ('probe-things', $1, 'x', now() - interval '9 days')`, [old]);
    const before = (await db.query(`SELECT count(*)::int AS n FROM probe.inbox`))[0].n as number;
    expect(await consumers.pruneInbox()).toBe(1);
    const after = (await db.query(`SELECT count(*)::int AS n FROM probe.inbox`))[0].n as number;
    expect(after).toBe(before - 1);
  });

  it('keeps an event whose publish fails in the outbox and publishes it once JetStream has the stream again', async () => {
    const nats = app.get(NatsClient);
    const jsm = await jetstreamManager(nats.connection);
    await jsm.streams.delete(streamName(env.subjectPrefix)); // JetStream loses the stream
    await things.emit('survivor');
    const row = await waitFor(
      async () => {
        const r = await db.query(`SELECT attempts, last_error, published_at FROM probe.outbox WHERE payload->'data'->>'name' = 'survivor'`);
        return r[0]?.published_at ? r[0] : undefined;
      },
      { what: 'the relay to re-create the stream and publish', timeoutMs: 20_000 },
    );
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toBeTruthy();
    const msg = await jsm.streams.getMessage(streamName(env.subjectPrefix), { last_by_subj: nats.subject(thingHappened.subject) });
    expect(msg?.json<{ data: { name: string } }>().data.name).toBe('survivor');
  });
});
