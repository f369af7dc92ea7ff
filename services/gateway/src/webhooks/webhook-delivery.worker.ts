import { LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { retryDelayMs } from './backoff.js';
import { PrivateTargetPolicy } from './private-targets.js';
import { SecretUnavailable } from './secret-cipher.js';
import { signatureHeader } from './signature.js';
import { WebhookDeliveryRepository, type WebhookDeliveryRow } from './webhook-delivery.repository.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { sendWebhook, type SendResult } from './webhook-sender.js';

const BATCH = 20;

/**
 * Sends pending deliveries. Retries are scheduled in the database (`next_attempt_at`), not in
 * memory: a gateway restart loses none, and several replicas share the queue (claims use
 * FOR UPDATE SKIP LOCKED with a lease). The worker polls every WEBHOOK_POLL_MS and is woken
 * when the event handler has queued deliveries. A 2xx answer is success; anything else (3xx,
 * 4xx, 5xx, timeout, refused address) is retried after retryDelayMs until WEBHOOK_MAX_ATTEMPTS.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private again = false;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly privateTargets: PrivateTargetPolicy,
    private readonly secrets: WebhookSecrets,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOK_DELIVERY_ENABLED) return;
    this.schedule(this.config.WEBHOOK_POLL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** run soon (events were queued, or a delivery was replayed) */
  kick(): void {
    if (!this.config.WEBHOOK_DELIVERY_ENABLED || this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(10);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.runOnce()
      .then((n) => {
        if (n === BATCH) this.again = true;
      })
      .catch((err: unknown) => this.logger.warn({ err }, 'webhook delivery round failed'));
    await this.running;
    this.running = undefined;
    const again = this.again;
    this.again = false;
    this.schedule(again ? 0 : this.config.WEBHOOK_POLL_MS);
  }

  /** claims due deliveries and sends them in parallel; returns how many were claimed */
  async runOnce(): Promise<number> {
    const due = await this.deliveries.claimDue(BATCH, this.config.WEBHOOK_TIMEOUT_MS + 5000);
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: WebhookDeliveryRow): Promise<void> {
    const attempt = d.attempts + 1;
    const at = new Date();
    const endpoint = await this.endpoints.forDelivery(d.endpointId);
    const result: SendResult =
      !endpoint || !endpoint.enabled
        ? { statusCode: null, error: 'the endpoint is disabled', durationMs: 0 }
        : await this.send(d, endpoint, at);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const error = ok ? null : (result.error ?? `receiver answered ${result.statusCode}`);
    const giveUp = !ok && attempt >= this.config.WEBHOOK_MAX_ATTEMPTS;
    const next = ok
      ? { status: 'succeeded' as const, nextAttemptAt: null }
      : giveUp
        ? { status: 'failed' as const, nextAttemptAt: null }
        : {
            status: 'pending' as const,
            nextAttemptAt: new Date(
              Date.now() +
                retryDelayMs(attempt, this.config.WEBHOOK_RETRY_BASE_MS, this.config.WEBHOOK_RETRY_MAX_MS),
            ),
          };
    await this.deliveries.recordAttempt(
      d.id,
      { attempt, at, durationMs: result.durationMs, statusCode: result.statusCode, error },
      next,
    );
    if (!ok) {
      this.logger.info(
        {
          deliveryId: d.id,
          endpointId: d.endpointId,
          attempt,
          statusCode: result.statusCode,
          error,
          next: next.status,
        },
        giveUp ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
      );
    }
  }

  /** one signed POST; a secret that cannot be opened is a failed attempt (and an error in the log) */
  private async send(
    d: WebhookDeliveryRow,
    endpoint: NonNullable<Awaited<ReturnType<WebhookEndpointRepository['forDelivery']>>>,
    at: Date,
  ): Promise<SendResult> {
    let secrets: string[];
    try {
      secrets = [this.secrets.open(endpoint.secret, endpoint.id)];
      if (
        endpoint.previousSecret &&
        endpoint.previousSecretExpiresAt &&
        endpoint.previousSecretExpiresAt > at
      ) {
        secrets.push(this.secrets.open(endpoint.previousSecret, endpoint.id));
      }
    } catch (err) {
      if (!(err instanceof SecretUnavailable)) throw err;
      this.logger.error({ endpointId: endpoint.id, reason: err.message }, 'webhook secret unavailable');
      return { statusCode: null, error: `not sent: ${err.message}`, durationMs: 0 };
    }
    const timestamp = Math.floor(at.getTime() / 1000);
    const body = JSON.stringify(d.payload);
    return sendWebhook(
      endpoint.url,
      {
        'webhook-id': d.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, d.id, timestamp, body),
      },
      body,
      { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, allowPrivate: this.privateTargets.allows(d.tenantId) },
    );
  }
}
