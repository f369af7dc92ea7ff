import type { Msg, MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { connectCoalescing } from './coalescing-transport.js';
import { RequestMux } from './request-mux.js';
import { describeAuth, natsConnectionOptions, type NatsSettings } from './nats-options.js';

/** NATS refused or could not be reached at start-up: the message says why, never a secret. */
export class NatsConnectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NatsConnectError';
  }
}

/**
 * One NATS connection per process, reconnecting forever: a NATS outage makes requests fail
 * fast (503) and health go red, and both recover by themselves when NATS is back.
 */
export class NatsClient {
  private connected = false;

  private constructor(
    readonly connection: NatsConnection,
    readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.connected = true;
    void this.watchStatus();
  }

  /**
   * Connects with the config's servers, credentials and TLS settings. Fails (NatsConnectError)
   * when the first connection is refused: wrong or missing credentials stop the start-up with
   * a message naming the variables to check, instead of retrying forever.
   */
  static async connect(opts: {
    settings: NatsSettings;
    name: string;
    prefix: string;
    logger: Logger;
    /** how long the first connection may take (default 20 s, the client's own) */
    connectTimeoutMs?: number;
  }): Promise<NatsClient> {
    const options = natsConnectionOptions(opts.settings);
    let connection: NatsConnection;
    try {
      connection = await connectCoalescing({
        ...options,
        name: opts.name,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1000,
        waitOnFirstConnect: false,
        ...(opts.connectTimeoutMs !== undefined && { timeout: opts.connectTimeoutMs }),
      });
    } catch (err) {
      throw new NatsConnectError(explain(err, options.servers, describeAuth(options)), { cause: err });
    }
    opts.logger.debug(
      { servers: options.servers, auth: describeAuth(options), tls: options.tls !== undefined },
      'NATS connected',
    );
    return new NatsClient(connection, opts.prefix, opts.logger);
  }

  private mux?: RequestMux;

  /** Request/reply (see `RequestMux`); rejects with RequestTimeoutError, NoRespondersError or a nats.js error. */
  request(subject: string, data: Uint8Array, opts: { timeoutMs: number; headers?: MsgHdrs }): Promise<Msg> {
    this.mux ??= new RequestMux(this.connection);
    return this.mux.request(subject, data, opts);
  }

  /** the wire subject for a contract subject: test runs and shared NATS clusters use a prefix */
  subject(subject: string): string {
    return `${this.prefix}${subject}`;
  }

  /** strips the prefix again (event types are recorded without it) */
  unprefixed(subject: string): string {
    return subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
  }

  isConnected(): boolean {
    return this.connected && !this.connection.isClosed();
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.connection.status()) {
      if (s.type === 'disconnect') {
        this.connected = false;
        this.logger.warn({ server: s.server }, 'NATS disconnected');
      } else if (s.type === 'reconnect') {
        this.connected = true;
        this.logger.info({ server: s.server }, 'NATS reconnected');
      }
    }
  }

  /** finishes in-flight subscriptions and flushes pending publishes, then closes */
  async drain(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch(() => this.connection.close());
  }
}

function explain(err: unknown, servers: string[], auth: string): string {
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const detail = [e.message, e.cause?.message].filter(Boolean).join(': ');
  const where = `NATS at ${servers.join(',')} (auth: ${auth})`;
  if (/authori[sz]ation|authentication|user.*expired/i.test(detail)) {
    return `${where} refused the credentials (${detail}); check NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS_FILE or the credentials in NATS_URL`;
  }
  if (/tls|certificate|ssl|self.signed|handshake/i.test(detail)) {
    return `${where}: TLS failed (${detail}); check NATS_TLS_CA_FILE, NATS_TLS_CERT_FILE/NATS_TLS_KEY_FILE and the tls:// scheme in NATS_URL`;
  }
  return `${where} could not be reached (${detail || String(err)}); check NATS_URL`;
}
