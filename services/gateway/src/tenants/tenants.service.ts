import { escapeLike, NotFoundError, paginate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RoleDirectory } from '../auth/role-directory.js';
import { RoleAssignmentEntity } from '../users/role-assignment.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { TenantSettingsEntity } from './tenant-settings.entity.js';
import { TenantEntity } from './tenant.entity.js';
import type { CreateTenantRequest, ListTenantsRequest, TenantPage, TenantResponse } from './tenants.dto.js';

const SORT_COLUMNS = { name: 't.name', createdAt: 't.created_at' };

/** Tenants: created and listed by platform admins; a new tenant gets its settings row and, optionally, a first admin. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: RoleDirectory,
  ) {}

  async create(req: CreateTenantRequest): Promise<TenantResponse> {
    const tenant = await this.dataSource.transaction(async (m) => {
      const t = await m
        .getRepository(TenantEntity)
        .save(m.getRepository(TenantEntity).create({ id: randomUUID(), name: req.name }));
      await m.getRepository(TenantSettingsEntity).insert({ tenantId: t.id });
      if (req.admin) {
        const user = await m.getRepository(UserEntity).save(
          m.getRepository(UserEntity).create({
            id: randomUUID(),
            tenantId: t.id,
            subject: req.admin.subject,
            email: req.admin.email ?? null,
            displayName: req.admin.displayName ?? null,
            status: 'active',
          }),
        );
        await m
          .getRepository(RoleAssignmentEntity)
          .insert({ id: randomUUID(), tenantId: t.id, userId: user.id, role: 'pmo-admin', projectId: null });
      }
      return t;
    });
    this.directory.invalidate();
    return toTenantResponse(tenant);
  }

  async get(id: string): Promise<TenantResponse> {
    const t = await this.dataSource.getRepository(TenantEntity).findOneBy({ id });
    if (!t) throw new NotFoundError('tenant', id);
    return toTenantResponse(t);
  }

  async list(q: ListTenantsRequest): Promise<TenantPage> {
    const qb = this.dataSource.getRepository(TenantEntity).createQueryBuilder('t');
    if (q.q) qb.andWhere('t.name ILIKE :q', { q: `%${escapeLike(q.q)}%` });
    const page = await paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 't.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'name' ? row.name : row.createdAt.toISOString(), row.id],
    });
    return { items: page.items.map(toTenantResponse), nextCursor: page.nextCursor };
  }

  /** development: make sure the demo tenants `npm start` prints tokens for exist */
  async ensure(tenants: readonly { id: string; name: string }[]): Promise<void> {
    for (const t of tenants) {
      await this.dataSource
        .getRepository(TenantEntity)
        .createQueryBuilder()
        .insert()
        .values(t)
        .orIgnore()
        .execute();
      await this.dataSource
        .getRepository(TenantSettingsEntity)
        .createQueryBuilder()
        .insert()
        .values({ tenantId: t.id })
        .orIgnore()
        .execute();
    }
  }
}

export const toTenantResponse = (t: TenantEntity): TenantResponse => ({
  id: t.id,
  name: t.name,
  version: t.version,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});
