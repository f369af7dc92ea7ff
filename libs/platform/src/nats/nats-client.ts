import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';

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

  static async connect(opts: { url: string; name: string; prefix: string; logger: Logger }): Promise<NatsClient> {
    const connection = await connect({
      servers: opts.url.split(','),
      name: opts.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      waitOnFirstConnect: false,
    });
    return new NatsClient(connection, opts.prefix, opts.logger);
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
