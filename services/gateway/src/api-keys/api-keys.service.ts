import { ConflictError, NotFoundError, paginate, VersionMismatchError } from '@baton/platform';
import type { TenantCallContext } from '../auth/principal.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';
import { newApiKey } from './api-key-secret.js';
import { ApiKeyVerifier } from './api-key.verifier.js';
import type {
  ApiKeyResponse,
  ApiKeyStatus,
  ApiKeyWithSecretResponse,
  CreateApiKeyRequest,
  ListApiKeysRequest,
} from './api-keys.dto.js';

const SORT_COLUMNS = { name: 'k.name', createdAt: 'k.created_at' };
const DAY_MS = 86_400_000;

/** API keys of the caller's tenant: the secret is returned once (create, rotate); only its hash is stored. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  async create(ctx: TenantCallContext, req: CreateApiKeyRequest): Promise<ApiKeyWithSecretResponse> {
    const secret = newApiKey();
    const id = randomUUID();
    try {
      await this.dataSource.getRepository(ApiKeyEntity).insert({
        id,
        tenantId: ctx.tenantId,
        name: req.name,
        prefix: secret.prefix,
        secretHash: secret.hash,
        role: req.role,
        expiresAt: new Date(Date.now() + (req.expiresInDays ?? 90) * DAY_MS),
        createdBy: ctx.actor.id,
      });
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === 'api_key_tenant_fk'
      ) {
        throw new NotFoundError('tenant', ctx.tenantId);
      }
      throw err;
    }
    return { ...(await this.get(ctx.tenantId, id)), key: secret.key };
  }

  async get(tenantId: string, id: string): Promise<ApiKeyResponse> {
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ tenantId, id });
    if (!key) throw new NotFoundError('API key', id);
    return toResponse(key);
  }

  async list(
    tenantId: string,
    q: ListApiKeysRequest,
  ): Promise<{ items: ApiKeyResponse[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where('k.tenant_id = :tenantId', { tenantId });
    if (q.role) qb.andWhere('k.role = :role', { role: q.role });
    if (q.status === 'revoked') qb.andWhere('k.revoked_at IS NOT NULL');
    if (q.status === 'expired') qb.andWhere('k.revoked_at IS NULL AND k.expires_at <= now()');
    if (q.status === 'active')
      qb.andWhere('k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())');
    const page = await paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 'k.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'name' ? row.name : row.createdAt.toISOString(), row.id],
    });
    return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
  }

  /** a new secret (and prefix) for the same key record; the old secret stops working at once */
  async rotate(tenantId: string, id: string, expectedVersion?: number): Promise<ApiKeyWithSecretResponse> {
    const secret = newApiKey();
    const saved = await this.dataSource.transaction(async (m) => {
      const key = await this.lock(m, tenantId, id, expectedVersion);
      if (key.revokedAt) throw new ConflictError('a revoked API key cannot be rotated; create a new one');
      // rotation keeps the expiry: a new secret for an expired key would be refused at once
      if (statusOf(key) === 'expired')
        throw new ConflictError('an expired API key cannot be rotated; create a new one');
      key.prefix = secret.prefix;
      key.secretHash = secret.hash;
      key.rotatedAt = new Date();
      return this.bump(m, key);
    });
    this.verifier.evictAll();
    return { ...toResponse(saved), key: secret.key };
  }

  async revoke(tenantId: string, id: string, expectedVersion?: number): Promise<ApiKeyResponse> {
    const saved = await this.dataSource.transaction(async (m) => {
      const key = await this.lock(m, tenantId, id, expectedVersion);
      if (key.revokedAt) return key;
      key.revokedAt = new Date();
      return this.bump(m, key);
    });
    this.verifier.evictAll();
    return toResponse(saved);
  }

  private async lock(
    m: EntityManager,
    tenantId: string,
    id: string,
    expectedVersion?: number,
  ): Promise<ApiKeyEntity> {
    const key = await m
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.tenant_id = :tenantId AND k.id = :id', { tenantId, id })
      .getOne();
    if (!key) throw new NotFoundError('API key', id);
    if (expectedVersion !== undefined && expectedVersion !== key.version)
      throw new VersionMismatchError('API key', id, expectedVersion, key.version);
    return key;
  }

  private bump(m: EntityManager, key: ApiKeyEntity): Promise<ApiKeyEntity> {
    key.version += 1;
    key.updatedAt = new Date();
    return m.getRepository(ApiKeyEntity).save(key);
  }
}

function statusOf(k: ApiKeyEntity): ApiKeyStatus {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && k.expiresAt.getTime() <= Date.now()) return 'expired';
  return 'active';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toResponse = (k: ApiKeyEntity): ApiKeyResponse => ({
  id: k.id,
  name: k.name,
  prefix: `bat_${k.prefix}`,
  role: k.role,
  status: statusOf(k),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
  rotatedAt: iso(k.rotatedAt),
  createdBy: k.createdBy,
  version: k.version,
  createdAt: k.createdAt.toISOString(),
  updatedAt: k.updatedAt.toISOString(),
});
