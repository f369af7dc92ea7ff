import { ErrorCode, PlanningRpc } from '@baton/contracts';
import {
  ConflictError,
  escapeLike,
  NotFoundError,
  paginate,
  RpcClient,
  RpcError,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import type { TenantCallContext } from '../auth/principal.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { RoleDirectory } from '../auth/role-directory.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { UserEntity } from './user.entity.js';
import type {
  CreateUserRequest,
  ListUsersRequest,
  RoleAssignmentInput,
  RoleAssignmentResponse,
  UpdateUserBody,
  UserResponse,
} from './users.dto.js';

const SORT_COLUMNS = { subject: 'u.subject', createdAt: 'u.created_at' };
const uniqueViolation = (err: unknown, constraint: string) =>
  err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === constraint;

/** Users of the caller's tenant and their role assignments; every query is scoped to the tenant. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: RoleDirectory,
    private readonly rpc: RpcClient,
  ) {}

  async create(ctx: TenantCallContext, req: CreateUserRequest): Promise<UserResponse> {
    for (const [i, r] of (req.roles ?? []).entries()) await this.checkProject(ctx, r, `roles.${i}.projectId`);
    const id = randomUUID();
    try {
      await this.dataSource.transaction(async (m) => {
        await m.getRepository(UserEntity).insert({
          id,
          tenantId: ctx.tenantId,
          subject: req.subject,
          email: req.email ?? null,
          displayName: req.displayName ?? null,
          status: 'active',
        });
        const seen = new Set<string>();
        for (const r of req.roles ?? []) {
          const key = `${r.role}/${r.projectId ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await m.getRepository(RoleAssignmentEntity).insert({
            id: randomUUID(),
            tenantId: ctx.tenantId,
            userId: id,
            role: r.role,
            projectId: r.projectId ?? null,
          });
        }
      });
    } catch (err) {
      if (uniqueViolation(err, 'tenant_user_tenant_subject_uq')) {
        throw new ConflictError(`a user with subject ${req.subject} exists in this tenant`, {
          errors: [{ field: 'subject', message: 'a user with this subject exists in the tenant' }],
        });
      }
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === 'tenant_user_tenant_fk'
      ) {
        throw new NotFoundError('tenant', ctx.tenantId);
      }
      throw err;
    }
    this.directory.invalidate();
    return this.get(ctx.tenantId, id);
  }

  async get(tenantId: string, id: string): Promise<UserResponse> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ tenantId, id });
    if (!user) throw new NotFoundError('user', id);
    const [withRoles] = await this.withRoles(tenantId, [user]);
    return withRoles!;
  }

  async list(
    tenantId: string,
    q: ListUsersRequest,
  ): Promise<{ items: UserResponse[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId', { tenantId });
    if (q.status) qb.andWhere('u.status = :status', { status: q.status });
    if (q.q)
      qb.andWhere('(u.subject ILIKE :q OR u.email ILIKE :q OR u.display_name ILIKE :q)', {
        q: `%${escapeLike(q.q)}%`,
      });
    if (q.role) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM gateway.role_assignment ra WHERE ra.tenant_id = u.tenant_id AND ra.user_id = u.id AND ra.role = :role)',
        { role: q.role },
      );
    }
    const page = await paginate(qb, {
      sort: q.sort ?? 'createdAt',
      columns: SORT_COLUMNS,
      idColumn: 'u.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row, field) => [field === 'subject' ? row.subject : row.createdAt.toISOString(), row.id],
    });
    return { items: await this.withRoles(tenantId, page.items), nextCursor: page.nextCursor };
  }

  async update(
    tenantId: string,
    id: string,
    changes: UpdateUserBody,
    expectedVersion?: number,
  ): Promise<UserResponse> {
    await this.dataSource.transaction((m) =>
      this.keepingAnAdmin(m, tenantId, async () => {
        const user = await this.lockUser(m, tenantId, id, expectedVersion);
        if (changes.email !== undefined) user.email = changes.email;
        if (changes.displayName !== undefined) user.displayName = changes.displayName;
        if (changes.status !== undefined) user.status = changes.status;
        await this.bump(m, user);
      }),
    );
    this.directory.invalidate();
    return this.get(tenantId, id);
  }

  async remove(tenantId: string, id: string, expectedVersion?: number): Promise<void> {
    await this.dataSource.transaction((m) =>
      this.keepingAnAdmin(m, tenantId, async () => {
        await this.lockUser(m, tenantId, id, expectedVersion);
        await m.getRepository(UserEntity).delete({ tenantId, id });
      }),
    );
    this.directory.invalidate();
  }

  async assign(
    ctx: TenantCallContext,
    userId: string,
    input: RoleAssignmentInput,
  ): Promise<RoleAssignmentResponse> {
    await this.checkProject(ctx, input, 'projectId');
    const id = randomUUID();
    try {
      await this.dataSource.transaction(async (m) => {
        const user = await this.lockUser(m, ctx.tenantId, userId);
        await m.getRepository(RoleAssignmentEntity).insert({
          id,
          tenantId: ctx.tenantId,
          userId,
          role: input.role,
          projectId: input.projectId ?? null,
        });
        await this.bump(m, user);
      });
    } catch (err) {
      if (
        uniqueViolation(err, 'role_assignment_tenant_uq') ||
        uniqueViolation(err, 'role_assignment_project_uq')
      ) {
        throw new ConflictError(
          `the user already holds ${input.role}${input.projectId ? ' for that project' : ''}`,
          { errors: [{ field: 'role', message: 'the user already holds this role here' }] },
        );
      }
      throw err;
    }
    this.directory.invalidate();
    const row = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .findOneByOrFail({ tenantId: ctx.tenantId, id });
    return toAssignment(row);
  }

  async unassign(tenantId: string, userId: string, assignmentId: string): Promise<void> {
    await this.dataSource.transaction((m) =>
      this.keepingAnAdmin(m, tenantId, async () => {
        const user = await this.lockUser(m, tenantId, userId);
        const { affected } = await m
          .getRepository(RoleAssignmentEntity)
          .delete({ tenantId, userId, id: assignmentId });
        if (!affected) throw new NotFoundError('role assignment', assignmentId);
        await this.bump(m, user);
      }),
    );
    this.directory.invalidate();
  }

  /**
   * Runs a change that may take away admin rights, refusing (409, rolled back) one that would
   * leave a tenant that had an active tenant-wide PMO admin without any: nobody could manage it
   * any more. The tenant row is locked first, so two such changes at once cannot both pass.
   */
  private async keepingAnAdmin(
    m: EntityManager,
    tenantId: string,
    change: () => Promise<void>,
  ): Promise<void> {
    await m.query('SELECT 1 FROM gateway.tenant WHERE id = $1 FOR UPDATE', [tenantId]);
    const before = await this.activeAdmins(m, tenantId);
    await change();
    if (before > 0 && (await this.activeAdmins(m, tenantId)) === 0) {
      throw new ConflictError(
        'the tenant must keep at least one active PMO admin (a tenant-wide pmo-admin role)',
      );
    }
  }

  private async activeAdmins(m: EntityManager, tenantId: string): Promise<number> {
    const [row] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n
         FROM gateway.role_assignment ra
         JOIN gateway.tenant_user u ON u.tenant_id = ra.tenant_id AND u.id = ra.user_id
        WHERE ra.tenant_id = $1 AND ra.role = 'pmo-admin' AND ra.project_id IS NULL AND u.status = 'active'`,
      [tenantId],
    );
    return row?.n ?? 0;
  }

  /** a project-scoped assignment must name a project of the caller's tenant (asked of planning) */
  private async checkProject(
    ctx: TenantCallContext,
    input: RoleAssignmentInput,
    field: string,
  ): Promise<void> {
    if (!input.projectId) return;
    try {
      await this.rpc.send(PlanningRpc.projectGet, { id: input.projectId }, ctx);
    } catch (err) {
      if (err instanceof RpcError && err.code === ErrorCode.NotFound) {
        throw new ValidationFailedError([{ field, message: `${field} must name a project of this tenant` }]);
      }
      throw err;
    }
  }

  private async lockUser(
    m: EntityManager,
    tenantId: string,
    id: string,
    expectedVersion?: number,
  ): Promise<UserEntity> {
    const user = await m
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.tenant_id = :tenantId AND u.id = :id', { tenantId, id })
      .getOne();
    if (!user) throw new NotFoundError('user', id);
    if (expectedVersion !== undefined && expectedVersion !== user.version)
      throw new VersionMismatchError('user', id, expectedVersion, user.version);
    return user;
  }

  private async bump(m: EntityManager, user: UserEntity): Promise<void> {
    user.version += 1;
    user.updatedAt = new Date();
    await m.getRepository(UserEntity).save(user);
  }

  private async withRoles(tenantId: string, users: UserEntity[]): Promise<UserResponse[]> {
    if (users.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('ra')
      .where('ra.tenant_id = :tenantId AND ra.user_id IN (:...ids)', {
        tenantId,
        ids: users.map((u) => u.id),
      })
      .orderBy('ra.created_at')
      .addOrderBy('ra.id')
      .getMany();
    return users.map((u) => ({
      id: u.id,
      subject: u.subject,
      email: u.email,
      displayName: u.displayName,
      status: u.status,
      roles: rows.filter((r) => r.userId === u.id).map(toAssignment),
      version: u.version,
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    }));
  }
}

const toAssignment = (r: RoleAssignmentEntity): RoleAssignmentResponse => ({
  id: r.id,
  role: r.role,
  projectId: r.projectId,
  createdAt: r.createdAt.toISOString(),
});
