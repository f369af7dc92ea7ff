import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ensureEventStream, forgetEventStream } from '../events/event-stream.js';
import { Metrics, type OutboxBacklog } from '../metrics/metrics.js';
import { NatsClient } from '../nats/nats-client.js';
import { toNatsHeaders } from '../nats/nats-headers.js';
import { LOGGER, PLATFORM_OPTIONS, type ResolvedPlatformOptions } from '../platform-options.js';

const BATCH = 100;
/**
 * A commit that wrote events kicks the relay, so events normally leave at once. The poll is only
 * the safety net (rows of a process that died between commit and publish, or committed by
 * another replica whose relay is down), so it can be slow and cost Postgres next to nothing.
 */
const IDLE_POLL_MS = 5000;
/** after a failed publish: 0.5 s, 1 s, 2 s … at most 10 s */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
const KEEP_PUBLISHED = '7 days';

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to JetStream in insertion order, with `Nats-Msg-Id` = event id so a
 * row published twice (crash between publish and mark) is dropped by the server. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so replicas share the work without double-sending.
 */
@Injectable()
export class OutboxRelay {
  private js?: JetStreamClient;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsClient,
    @Inject(PLATFORM_OPTIONS) private readonly options: ResolvedPlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    metrics.watchOutbox(() => this.backlog());
  }

  private get table() {
    return `"${this.options.schema}".outbox`;
  }

  async start(): Promise<void> {
    await ensureEventStream(this.nats);
    this.js = jetstream(this.nats.connection);
    this.running = true;
    this.loop = this.run();
  }

  /** publish soon: called after a transaction that wrote events commits */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** stop polling after a last flush of what is pending */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.flush().catch((err) => this.logger.warn({ err }, 'final outbox flush failed'));
  }

  /** Publishes everything pending now; returns how many rows were published. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** age in seconds of the oldest unpublished event (0 when none): the outbox lag */
  async lagSeconds(): Promise<number> {
    return (await this.backlog()).oldestAgeSeconds;
  }

  /** how many events wait to be published, and how old the oldest is (read when metrics are scraped) */
  async backlog(): Promise<OutboxBacklog> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
       FROM ${this.table} WHERE published_at IS NULL`,
    )) as { pending: number; age: number }[];
    return { pending: rows[0]?.pending ?? 0, oldestAgeSeconds: Math.max(0, rows[0]?.age ?? 0) };
  }

  private async run(): Promise<void> {
    let retry = 0; // the delay after the last failure; 0 while all is well
    while (this.running) {
      this.kicked = false;
      try {
        if (retry > 0) await ensureEventStream(this.nats); // after a failure: is the stream there?
        const n = await this.flush();
        if (n > 0) this.logger.debug({ published: n }, 'outbox relayed');
        retry = 0;
        await this.prune();
      } catch (err) {
        this.logger.warn({ err }, 'outbox relay failed; retrying');
        forgetEventStream(this.nats);
        retry = Math.min(Math.max(retry * 2, RETRY_MIN_MS), RETRY_MAX_MS);
      }
      if (this.running && !this.kicked) await this.sleep(retry || IDLE_POLL_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * Claims up to BATCH pending rows and publishes them in order. A failed publish stops the
   * batch: the rows before it are marked published (in the same transaction), the failed one
   * records the error, and the error is rethrown after commit so the loop backs off.
   */
  private async publishBatch(): Promise<number> {
    const js = this.js;
    if (!js) return 0;
    let failure: unknown;
    const count = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT seq, id, subject, payload, headers FROM ${this.table}
         WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      )) as OutboxRow[];
      const published: string[] = [];
      for (const row of rows) {
        try {
          await js.publish(this.nats.subject(row.subject), JSON.stringify(row.payload), {
            msgID: row.id,
            headers: toNatsHeaders(row.headers ?? {}),
          });
        } catch (err) {
          failure = err;
          await m.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`, [
            row.seq,
            String((err as Error)?.message ?? err).slice(0, 500),
          ]);
          break;
        }
        published.push(row.seq);
      }
      if (published.length > 0) {
        await m.query(`UPDATE ${this.table} SET published_at = now() WHERE seq = ANY($1::bigint[])`, [published]);
      }
      return published.length;
    });
    this.metrics.outboxPublished(count);
    if (failure) {
      this.metrics.outboxPublishFailed();
      throw failure;
    }
    return count;
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE published_at < now() - interval '${KEEP_PUBLISHED}'`);
  }
}
