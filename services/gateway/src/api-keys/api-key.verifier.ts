import { Roles } from '@baton/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationFailed, type CredentialVerifier } from '../auth/credential-verifier.js';
import type { Principal } from '../auth/principal.js';
import { TtlCache } from '../auth/ttl-cache.js';
import { GatewayConfig } from '../config/env.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { API_KEY_PREFIX, apiKeyPrefixOf, hashApiKey, sameHash } from './api-key-secret.js';

type Outcome = { principal: Principal; expiresInMs?: number } | { failure: string };

/**
 * `Authorization: Bearer bat_…`. Verified results (accepted and refused) are cached by the key's
 * hash for AUTH_CACHE_TTL_MS (never past the key's expiry), so an integration's steady traffic
 * costs one database read per key per TTL. Revoking or rotating through this replica evicts the
 * key at once; other replicas stop accepting it within AUTH_CACHE_TTL_MS (default 5 s).
 */
@Injectable()
export class ApiKeyVerifier implements CredentialVerifier {
  readonly method = 'api-key';
  private readonly cache: TtlCache<Promise<Outcome>>;

  constructor(
    private readonly dataSource: DataSource,
    config: GatewayConfig,
  ) {
    this.cache = new TtlCache(config.AUTH_CACHE_TTL_MS);
  }

  handles(credential: string): boolean {
    return credential.startsWith(API_KEY_PREFIX);
  }

  async verify(credential: string): Promise<Principal> {
    const prefix = apiKeyPrefixOf(credential);
    if (!prefix) throw new AuthenticationFailed('the API key is malformed');
    const hash = hashApiKey(credential);
    let outcome = this.cache.get(hash);
    if (!outcome) {
      outcome = this.load(prefix, hash);
      this.cache.set(hash, outcome);
      outcome.catch(() => this.cache.delete(hash));
      const settled = await outcome;
      if ('principal' in settled && settled.expiresInMs !== undefined)
        this.cache.set(hash, outcome, settled.expiresInMs);
    }
    const result = await outcome;
    if ('failure' in result) throw new AuthenticationFailed(result.failure);
    return result.principal;
  }

  /** after a revocation or rotation: this replica stops accepting the old key now (rare: the whole cache goes) */
  evictAll(): void {
    this.cache.clear();
  }

  private async load(prefix: string, hash: string): Promise<Outcome> {
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ prefix });
    if (!key || !sameHash(key.secretHash, hash)) return { failure: 'the API key is not valid' };
    if (key.revokedAt) return { failure: 'the API key has been revoked' };
    const now = Date.now();
    if (key.expiresAt && key.expiresAt.getTime() <= now) return { failure: 'the API key has expired' };
    if (!Roles.includes(key.role)) return { failure: 'the API key has no valid role' };
    return {
      principal: {
        tenantId: key.tenantId,
        actor: { id: `api-key:${key.id}`, roles: [key.role] },
        method: this.method,
      },
      ...(key.expiresAt ? { expiresInMs: key.expiresAt.getTime() - now } : {}),
    };
  }
}
