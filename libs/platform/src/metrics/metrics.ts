import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CachedProbe, type CachedProbeOptions } from './cached-probe.js';
import { contractLabel, methodLabel, routeLabel, targetLabel } from './labels.js';
import { runtimeRegistry } from './runtime-metrics.js';

/** what the outbox holds right now */
export interface OutboxBacklog {
  pending: number;
  /** age of the oldest unpublished event, 0 when there is none */
  oldestAgeSeconds: number;
}

/** a durable consumer's position in the stream (JetStream consumer info) */
export interface ConsumerBacklog {
  consumer: string;
  /** messages in the stream the consumer has not been given yet */
  pending: number;
  /** messages given to it and not acknowledged yet */
  ackPending: number;
}

/** the pg pool under TypeORM */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsOptions {
  /** false: nothing is collected for scraping and /metrics answers 404 (the hooks still count, cheaply) */
  enabled?: boolean;
  /** for readings that need I/O (outbox, consumers) */
  probe?: Pick<CachedProbeOptions, 'timeoutMs' | 'cacheMs' | 'staleMs'>;
}

/** seconds; from a fast cached read (a few ms) to a request near the default 5 s RPC timeout */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One service's Prometheus metrics: a Registry of its own (default label `service`), so that
 * several Nest applications in one process (tests) never collide and prom-client's global
 * registry stays empty. The platform's parts report through the methods below, which fix the
 * label sets; the names are what dashboards and alerts use (see README, "Metrics").
 */
export class Metrics {
  readonly registry = new Registry();
  readonly enabled: boolean;

  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly rpcServerRequests: Counter<'subject' | 'outcome'>;
  private readonly rpcServerDuration: Histogram<'subject'>;
  private readonly rpcClientRequests: Counter<'target' | 'subject' | 'outcome'>;
  private readonly rpcClientDuration: Histogram<'target' | 'subject'>;
  private readonly outboxPublishedTotal: Counter;
  private readonly outboxFailuresTotal: Counter;
  private readonly eventsHandled: Counter<'consumer' | 'event' | 'outcome'>;
  private readonly eventDuration: Histogram<'consumer'>;
  private readonly probeErrors: Counter<'probe'>;

  private outboxProbe?: CachedProbe<OutboxBacklog>;
  private consumerProbe?: CachedProbe<ConsumerBacklog[]>;
  private poolProbe?: () => PoolStats | undefined;
  private runtime?: Registry;

  constructor(
    readonly service: string,
    private readonly options: MetricsOptions = {},
  ) {
    this.enabled = options.enabled ?? true;
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];

    this.httpRequests = new Counter({
      name: 'baton_http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'baton_http_request_duration_seconds',
      help: 'HTTP request duration until the response was sent',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcServerRequests = new Counter({
      name: 'baton_rpc_server_requests_total',
      help: 'NATS requests answered by this service, by contract and outcome (ok or the error code)',
      labelNames: ['subject', 'outcome'],
      registers,
    });
    this.rpcServerDuration = new Histogram({
      name: 'baton_rpc_server_duration_seconds',
      help: 'Time from receiving a NATS request to replying',
      labelNames: ['subject'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcClientRequests = new Counter({
      name: 'baton_rpc_client_requests_total',
      help: 'NATS requests sent by this service, by target service, contract and outcome',
      labelNames: ['target', 'subject', 'outcome'],
      registers,
    });
    this.rpcClientDuration = new Histogram({
      name: 'baton_rpc_client_duration_seconds',
      help: 'Time from sending a NATS request to its reply (or timeout)',
      labelNames: ['target', 'subject'],
      buckets: LATENCY_BUCKETS,
      registers,
    });

    // the gauges' collect() runs with the gauge as `this`; these reach the readings
    const outbox = () => this.outboxProbe?.get();
    const consumers = async () => (await this.consumerProbe?.get()) ?? [];
    const pool = () => this.poolProbe?.();
    new Gauge({
      name: 'baton_outbox_pending_events',
      help: 'Events written to the outbox and not yet published to JetStream',
      registers,
      async collect() {
        this.reset();
        const b = await outbox();
        if (b) this.set(b.pending);
      },
    });
    new Gauge({
      name: 'baton_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none): the outbox lag',
      registers,
      async collect() {
        this.reset();
        const b = await outbox();
        if (b) this.set(b.oldestAgeSeconds);
      },
    });
    this.outboxPublishedTotal = new Counter({
      name: 'baton_outbox_published_total',
      help: 'Outbox events published to JetStream',
      registers,
    });
    this.outboxFailuresTotal = new Counter({
      name: 'baton_outbox_publish_failures_total',
      help: 'Failed attempts to publish an outbox event (retried with backoff)',
      registers,
    });

    new Gauge({
      name: 'baton_event_consumer_pending_messages',
      help: 'Events in the stream not yet delivered to this durable consumer (JetStream num_pending): the consumer lag',
      labelNames: ['consumer'],
      registers,
      async collect() {
        this.reset();
        for (const c of await consumers()) this.set({ consumer: c.consumer }, c.pending);
      },
    });
    new Gauge({
      name: 'baton_event_consumer_ack_pending_messages',
      help: 'Events delivered to this durable consumer and not yet acknowledged (JetStream num_ack_pending)',
      labelNames: ['consumer'],
      registers,
      async collect() {
        this.reset();
        for (const c of await consumers()) this.set({ consumer: c.consumer }, c.ackPending);
      },
    });
    this.eventsHandled = new Counter({
      name: 'baton_events_handled_total',
      help: 'Events taken from the stream, by consumer, event and outcome (ok, duplicate, malformed, failed, ignored)',
      labelNames: ['consumer', 'event', 'outcome'],
      registers,
    });
    this.eventDuration = new Histogram({
      name: 'baton_event_handle_duration_seconds',
      help: 'Time to handle one event, inbox check and transaction included',
      labelNames: ['consumer'],
      buckets: LATENCY_BUCKETS,
      registers,
    });

    new Gauge({
      name: 'baton_db_pool_connections',
      help: 'Postgres pool connections: total open, idle, and callers waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        const s = pool();
        if (!s) return;
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
    this.probeErrors = new Counter({
      name: 'baton_metrics_probe_errors_total',
      help: 'Scrape-time readings (outbox, consumers) that failed or timed out; their gauges were left out',
      labelNames: ['probe'],
      registers,
    });
  }

  /** the Content-Type of `render()` (Prometheus text format 0.0.4) */
  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Adds the process and Node.js runtime metrics (`process_*`, `nodejs_*`) from now on. Called
   * when the management port opens: they start monitors that run for the life of the process.
   */
  startRuntimeMetrics(): void {
    if (this.enabled) this.runtime ??= runtimeRegistry(this.service);
  }

  /** Everything, in the Prometheus text format: the runtime's metrics (once started) and this service's. */
  async render(): Promise<string> {
    const runtime = this.runtime ? `${await this.runtime.metrics()}\n` : '';
    return runtime + (await this.registry.metrics());
  }

  // ── reporting hooks ─────────────────────────────────────────────────────────────────────────

  observeHttp(
    method: string,
    routeTemplate: string | undefined | null,
    status: number,
    seconds: number,
  ): void {
    const m = methodLabel(method);
    const route = routeLabel(routeTemplate);
    this.httpRequests.inc({ method: m, route, status: String(status) });
    this.httpDuration.observe({ method: m, route }, seconds);
  }

  /** `subject` is the contract's subject (never the prefixed one on the wire) */
  observeRpcServer(subject: string, outcome: string, seconds: number): void {
    const s = contractLabel(subject);
    this.rpcServerRequests.inc({ subject: s, outcome });
    this.rpcServerDuration.observe({ subject: s }, seconds);
  }

  observeRpcClient(subject: string, outcome: string, seconds: number): void {
    const s = contractLabel(subject);
    const target = targetLabel(subject);
    this.rpcClientRequests.inc({ target, subject: s, outcome });
    this.rpcClientDuration.observe({ target, subject: s }, seconds);
  }

  outboxPublished(count: number): void {
    if (count > 0) this.outboxPublishedTotal.inc(count);
  }

  outboxPublishFailed(): void {
    this.outboxFailuresTotal.inc();
  }

  /** `event` is the event contract's subject, or undefined for a type the consumer does not know */
  observeEvent(consumer: string, event: string | undefined, outcome: string, seconds: number): void {
    this.eventsHandled.inc({ consumer, event: event ? contractLabel(event) : 'unknown', outcome });
    this.eventDuration.observe({ consumer }, seconds);
  }

  // ── readings taken at scrape time ───────────────────────────────────────────────────────────

  watchOutbox(read: () => Promise<OutboxBacklog>): void {
    this.outboxProbe = this.probe('outbox', read);
  }

  watchConsumers(read: () => Promise<ConsumerBacklog[]>): void {
    this.consumerProbe = this.probe('consumers', read);
  }

  /** a synchronous, in-memory reading: no cache needed */
  watchDbPool(read: () => PoolStats | undefined): void {
    this.poolProbe = read;
  }

  private probe<T>(name: string, read: () => Promise<T>): CachedProbe<T> {
    return new CachedProbe(read, {
      ...this.options.probe,
      onError: () => this.probeErrors.inc({ probe: name }),
    });
  }
}
