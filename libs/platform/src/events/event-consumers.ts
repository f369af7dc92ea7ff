import type { EventContract, EventEnvelope } from '@baton/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';
import { validatePayload } from '../errors/validate.js';
import { Metrics, type ConsumerBacklog } from '../metrics/metrics.js';
import { OUTCOME_OK } from '../metrics/labels.js';
import { NatsClient } from '../nats/nats-client.js';
import { fromNatsHeaders } from '../nats/nats-headers.js';
import { LOGGER, PLATFORM_OPTIONS, type ResolvedPlatformOptions } from '../platform-options.js';
import { extractTraceContext, withSpan } from '../telemetry/tracing.js';
import { EVENT_HANDLER, filterFor, type EventHandlerFn, type EventHandlerOptions } from './event-handler.decorator.js';
import { EVENT_RETENTION_DAYS, ensureEventStream } from './event-stream.js';

const MAX_DELIVER = 20;
const decoder = new TextDecoder();
const PRUNE_EVERY_MS = 10 * 60 * 1000;

interface Registration {
  durable: string;
  filter: string;
  contracts: Map<string, EventContract<unknown>>;
  handle: EventHandlerFn;
}

/** the `outcome` label of baton_events_handled_total */
type EventOutcome = typeof OUTCOME_OK | 'duplicate' | 'malformed' | 'failed' | 'ignored';

interface Running {
  reg: Registration;
  messages: ConsumerMessages;
  loop: Promise<void>;
}

/**
 * Runs every `@EventHandler` as a durable pull consumer with explicit ack. Messages of one
 * consumer are handled one at a time, in stream order. Outcomes:
 * - handled (or already in the inbox): ack;
 * - payload fails its contract: term (a poison message is never half-processed, never retried);
 * - handler throws: nak with a growing delay; JetStream redelivers up to MAX_DELIVER times.
 */
@Injectable()
export class EventConsumers {
  private running: Running[] = [];
  private pruneTimer?: NodeJS.Timeout;
  private jsm?: { manager: JetStreamManager; stream: string };

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly nats: NatsClient,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_OPTIONS) private readonly options: ResolvedPlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    metrics.watchConsumers(() => this.backlog());
  }

  discover(): Registration[] {
    const regs: Registration[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = instance[name] as EventHandlerFn;
        const opts = Reflect.getMetadata(EVENT_HANDLER, method) as EventHandlerOptions | undefined;
        if (!opts) continue;
        regs.push({
          durable: `${this.options.service}-${opts.name}`.replace(/[^A-Za-z0-9_-]/g, '_'),
          filter: filterFor(opts.events.map((e) => e.subject)),
          contracts: new Map(opts.events.map((e) => [e.subject, e])),
          handle: method.bind(instance) as EventHandlerFn,
        });
      }
    }
    return regs;
  }

  async start(): Promise<void> {
    const regs = this.discover();
    if (regs.length === 0) return;
    const stream = await ensureEventStream(this.nats);
    const jsm = await jetstreamManager(this.nats.connection);
    const js = jetstream(this.nats.connection);
    this.jsm = { manager: jsm, stream };
    for (const reg of regs) {
      const config = {
        durable_name: reg.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: this.nats.subject(reg.filter),
        max_deliver: MAX_DELIVER,
        ack_wait: nanos(30_000),
      };
      try {
        await jsm.consumers.info(stream, reg.durable);
        await jsm.consumers.update(stream, reg.durable, { filter_subject: config.filter_subject, max_deliver: MAX_DELIVER });
      } catch {
        await jsm.consumers.add(stream, config);
      }
      const consumer = await js.consumers.get(stream, reg.durable);
      const messages = await consumer.consume({ max_messages: 64 });
      const loop = this.consume(reg, messages);
      this.running.push({ reg, messages, loop });
      this.logger.info({ consumer: reg.durable, filter: reg.filter }, 'consuming events');
    }
    this.pruneTimer = setInterval(() => void this.pruneInbox(), PRUNE_EVERY_MS).unref();
  }

  /**
   * Inbox rows only matter while JetStream could still redeliver their event: once the stream
   * has dropped it (after EVENT_RETENTION_DAYS), the row can go. A day of margin is kept.
   */
  async pruneInbox(): Promise<number> {
    try {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM "${this.options.schema}".inbox WHERE handled_at < now() - make_interval(days => $1)`,
        [EVENT_RETENTION_DAYS + 1],
      )) as [unknown, number];
      return count;
    } catch (err) {
      this.logger.warn({ err }, 'inbox pruning failed');
      return 0;
    }
  }

  /** each running consumer's lag, from JetStream's consumer info (read when metrics are scraped) */
  async backlog(): Promise<ConsumerBacklog[]> {
    const jsm = this.jsm;
    if (!jsm) return [];
    return Promise.all(
      this.running.map(async ({ reg }) => {
        const info = await jsm.manager.consumers.info(jsm.stream, reg.durable);
        return { consumer: reg.durable, pending: info.num_pending, ackPending: info.num_ack_pending };
      }),
    );
  }

  /** stop pulling, let the message in hand finish */
  async stop(timeoutMs: number): Promise<void> {
    clearInterval(this.pruneTimer);
    const loops = this.running.map((r) => {
      void r.messages.close();
      return r.loop;
    });
    this.running = [];
    await Promise.race([Promise.allSettled(loops), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private async consume(reg: Registration, messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      await this.handleOne(reg, msg).catch((err) => this.logger.error({ err, consumer: reg.durable }, 'event handling crashed'));
    }
  }

  private async handleOne(reg: Registration, msg: JsMsg): Promise<void> {
    const started = performance.now();
    const type = this.nats.unprefixed(msg.subject);
    const outcome = await this.process(reg, msg, type);
    this.metrics.observeEvent(reg.durable, reg.contracts.get(type)?.subject, outcome, (performance.now() - started) / 1000);
  }

  /** handles one message and says how it went: ok, duplicate, malformed, failed (will retry) or ignored */
  private process(reg: Registration, msg: JsMsg, type: string): Promise<EventOutcome> {
    return withSpan(
      `process ${type}`,
      { kind: SpanKind.CONSUMER, parent: extractTraceContext(fromNatsHeaders(msg.headers)), attributes: { 'messaging.system': 'nats', 'messaging.consumer.group.name': reg.durable } },
      async (): Promise<EventOutcome> => {
        const contract = reg.contracts.get(type);
        if (!contract) {
          msg.ack(); // a newer event type under our filter: not ours to understand
          return 'ignored';
        }
        let event: EventEnvelope<unknown>;
        try {
          event = JSON.parse(decoder.decode(msg.data)) as EventEnvelope<unknown>;
          if (!event || typeof event.id !== 'string' || typeof event.tenantId !== 'string') throw new Error('no envelope');
          event.data = await validatePayload(contract.payload, event.data, 'event payload');
        } catch (err) {
          const details = err instanceof DomainError ? err.details : { reason: (err as Error).message };
          this.logger.error({ consumer: reg.durable, subject: type, seq: msg.seq, details }, 'malformed event rejected');
          msg.term('malformed event');
          return 'malformed';
        }
        try {
          const outcome = await this.dataSource.transaction(async (manager): Promise<EventOutcome> => {
            const inserted = (await manager.query(
              `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, subject) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING RETURNING event_id`,
              [reg.durable, event.id, type],
            )) as unknown[];
            if (inserted.length === 0) return 'duplicate'; // handled before: a redelivery
            await reg.handle(event, manager);
            return OUTCOME_OK;
          });
          msg.ack();
          return outcome;
        } catch (err) {
          const attempt = msg.info.deliveryCount;
          this.logger.warn({ err, consumer: reg.durable, eventId: event.id, attempt }, 'event handler failed; will retry');
          msg.nak(Math.min(1000 * 2 ** (attempt - 1), 30_000));
          return 'failed';
        }
      },
    );
  }
}
