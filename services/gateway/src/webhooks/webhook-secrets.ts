import { LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { isSealed, SecretCipher } from './secret-cipher.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';

const BATCH = 500;

/**
 * Webhook signing secrets at rest (secret-cipher.ts) with WEBHOOK_SECRET_KEY. At start-up: with a
 * key, the secrets still stored in plain text (written before the key was set) are encrypted in
 * place, batch by batch, each row only if no rotation changed it meanwhile (several replicas may
 * do this at once); without a key, a warning (or an error when encrypted secrets exist, since
 * their endpoints cannot be signed for).
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly cipher: SecretCipher;

  constructor(
    config: GatewayConfig,
    private readonly endpoints: WebhookEndpointRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cipher = new SecretCipher(config.WEBHOOK_SECRET_KEY);
  }

  /** what to store for a new secret of endpoint `endpointId` */
  seal(secret: string, endpointId: string): string {
    return this.cipher.seal(secret, endpointId);
  }

  /** the plain secret of a stored value; throws SecretUnavailable */
  open(stored: string, endpointId: string): string {
    return this.cipher.open(stored, endpointId);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (!this.cipher.encrypts) {
        if (await this.endpoints.anySealed()) {
          this.logger.error(
            'webhook secrets are stored encrypted but WEBHOOK_SECRET_KEY is not set: deliveries to those endpoints fail until it is',
          );
        } else {
          this.logger.warn(
            'WEBHOOK_SECRET_KEY is not set: webhook signing secrets are stored in plain text (set a base64 32-byte key to encrypt them)',
          );
        }
        return;
      }
      const sealed = await this.sealStored();
      if (sealed > 0) this.logger.info({ endpoints: sealed }, 'encrypted stored webhook secrets');
    } catch (err) {
      this.logger.warn({ err }, 'checking stored webhook secrets failed; will try again at the next start');
    }
  }

  /** encrypts plain stored secrets; returns how many endpoints it changed */
  async sealStored(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.endpoints.withPlainSecrets(BATCH);
      let changed = 0;
      for (const row of rows) {
        const to = {
          secret: isSealed(row.secret) ? row.secret : this.cipher.seal(row.secret, row.id),
          previousSecret:
            row.previousSecret === null || isSealed(row.previousSecret)
              ? row.previousSecret
              : this.cipher.seal(row.previousSecret, row.id),
        };
        if (await this.endpoints.replaceSecrets(row.id, row, to)) changed++;
      }
      total += changed;
      if (rows.length < BATCH || changed === 0) return total;
    }
  }
}
