import { LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { isSealed, SecretCipher, SecretUnavailable, sealedWith, splitKeyList } from './secret-cipher.js';
import { WebhookEndpointRepository, type StoredSecrets } from './webhook-endpoint.repository.js';

const BATCH = 500;
/** the smallest uuid: the re-seal walks the endpoints in id order from here */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
/** how many endpoint ids an error line names at most */
const NAMED = 20;

/** what one start-up pass over the stored secrets did */
export interface ResealReport {
  /** endpoints whose stored secrets were replaced */
  endpoints: number;
  /** plain values sealed with the current key */
  encrypted: number;
  /** values sealed with a previous key or in the `enc:v1:` format, sealed again with the current key */
  resealed: number;
  /** values no configured key opens: left as they are */
  unreadable: number;
  /** the first of the endpoints with such values */
  unreadableEndpoints: string[];
  /** endpoints still holding a value not sealed with the current key after the pass */
  remaining: number;
}

/**
 * Webhook signing secrets at rest (secret-cipher.ts) with WEBHOOK_SECRET_KEY and, while a key is
 * being rotated, WEBHOOK_SECRET_KEYS_PREVIOUS. At start-up, with a key: every stored value not
 * yet sealed with the current key (plain, `enc:v1:`, or sealed with a previous key) is sealed with
 * it, batch by batch, each batch in one transaction with its rows locked, so several replicas
 * may do this at once and a rotation made meanwhile is kept; values no configured key opens are
 * left as they are and logged. Without a key: a warning (or an error when encrypted secrets
 * exist, since their endpoints cannot be signed for).
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly cipher: SecretCipher;

  constructor(
    config: GatewayConfig,
    private readonly endpoints: WebhookEndpointRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cipher = new SecretCipher(
      config.WEBHOOK_SECRET_KEY,
      splitKeyList(config.WEBHOOK_SECRET_KEYS_PREVIOUS),
    );
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
      this.log(await this.resealStored());
    } catch (err) {
      this.logger.warn({ err }, 'checking stored webhook secrets failed; will try again at the next start');
    }
  }

  /** seals every stored value with the current key where it can (see the class comment); needs a key */
  async resealStored(): Promise<ResealReport> {
    const keyId = this.cipher.keyId;
    if (keyId === undefined) throw new Error('WEBHOOK_SECRET_KEY is not set: nothing to seal with');
    const keep = sealedWith(keyId);
    const report: ResealReport = {
      endpoints: 0,
      encrypted: 0,
      resealed: 0,
      unreadable: 0,
      unreadableEndpoints: [],
      remaining: 0,
    };
    const unreadable = new Set<string>();
    const next = (row: StoredSecrets): Omit<StoredSecrets, 'id'> => {
      const one = (stored: string): string => {
        if (this.cipher.isCurrent(stored)) return stored;
        try {
          const sealed = this.cipher.reseal(stored, row.id);
          report[isSealed(stored) ? 'resealed' : 'encrypted']++;
          return sealed;
        } catch (err) {
          if (!(err instanceof SecretUnavailable)) throw err;
          report.unreadable++;
          unreadable.add(row.id);
          return stored;
        }
      };
      return {
        secret: one(row.secret),
        previousSecret: row.previousSecret === null ? null : one(row.previousSecret),
      };
    };
    let after = FIRST_ID;
    for (;;) {
      const batch = await this.endpoints.resealBatch(after, BATCH, keep, next);
      report.endpoints += batch.changed;
      if (batch.read < BATCH || batch.lastId === undefined) break;
      after = batch.lastId;
    }
    report.unreadableEndpoints = [...unreadable].slice(0, NAMED);
    report.remaining = await this.endpoints.countNotStartingWith(keep);
    return report;
  }

  private log(r: ResealReport): void {
    const keyId = this.cipher.keyId;
    const previousKeyIds = this.cipher.previousKeyIds;
    if (r.endpoints > 0) {
      this.logger.info(
        { endpoints: r.endpoints, encrypted: r.encrypted, resealed: r.resealed, keyId },
        'sealed stored webhook secrets with WEBHOOK_SECRET_KEY',
      );
    }
    if (r.unreadable > 0) {
      this.logger.error(
        { values: r.unreadable, endpointIds: r.unreadableEndpoints, keyId, previousKeyIds },
        'stored webhook secrets that neither WEBHOOK_SECRET_KEY nor WEBHOOK_SECRET_KEYS_PREVIOUS opens were left as they are: deliveries to those endpoints fail until the key that sealed them is configured again',
      );
    }
    if (previousKeyIds.length === 0) return;
    if (r.remaining === 0) {
      this.logger.info(
        { keyId, previousKeyIds },
        'every stored webhook secret is sealed with WEBHOOK_SECRET_KEY: WEBHOOK_SECRET_KEYS_PREVIOUS is no longer needed',
      );
    } else {
      this.logger.warn(
        { endpoints: r.remaining, keyId, previousKeyIds },
        'some stored webhook secrets are not sealed with WEBHOOK_SECRET_KEY: keep WEBHOOK_SECRET_KEYS_PREVIOUS until a start logs that it is no longer needed',
      );
    }
  }
}
