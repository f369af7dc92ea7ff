import { Roles, type Role } from '@baton/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/env.js';
import { TtlCache } from './ttl-cache.js';

/** What the gateway's own tables say about one subject in one tenant. */
export interface DirectoryEntry {
  tenantExists: boolean;
  /** the subject has a membership (tenant_user row) */
  member: boolean;
  disabled: boolean;
  /** tenant-wide role assignments */
  roles: Role[];
  /** project id → roles assigned for that project */
  projectRoles: Record<string, Role[]>;
}

/**
 * Role assignments and memberships for token-based callers, cached for AUTH_CACHE_TTL_MS so a
 * JWT costs no database round trip per request (one per user and tenant per TTL at most).
 * Changes made through this gateway clear the cache at once; other replicas see them within
 * the TTL.
 */
@Injectable()
export class RoleDirectory {
  private readonly entries: TtlCache<Promise<DirectoryEntry>>;
  private readonly memberships: TtlCache<Promise<string[]>>;

  constructor(
    private readonly dataSource: DataSource,
    config: GatewayConfig,
  ) {
    this.entries = new TtlCache(config.AUTH_CACHE_TTL_MS);
    this.memberships = new TtlCache(config.AUTH_CACHE_TTL_MS);
  }

  lookup(tenantId: string, subject: string): Promise<DirectoryEntry> {
    const key = `${tenantId}\n${subject}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const loading = this.load(tenantId, subject);
    this.entries.set(key, loading);
    loading.catch(() => this.entries.delete(key));
    return loading;
  }

  /** the tenants where the subject is a member, active or disabled (for tokens that name no tenant) */
  tenantsOf(subject: string): Promise<string[]> {
    const cached = this.memberships.get(subject);
    if (cached) return cached;
    const loading = this.dataSource
      .query<{ tenant_id: string }[]>(
        `SELECT tenant_id FROM gateway.tenant_user WHERE subject = $1 ORDER BY tenant_id LIMIT 10`,
        [subject],
      )
      .then((rows) => rows.map((r) => r.tenant_id));
    this.memberships.set(subject, loading);
    loading.catch(() => this.memberships.delete(subject));
    return loading;
  }

  /** after a change to users or role assignments */
  invalidate(): void {
    this.entries.clear();
    this.memberships.clear();
  }

  private async load(tenantId: string, subject: string): Promise<DirectoryEntry> {
    const rows = await this.dataSource.query<
      { user_id: string | null; status: string | null; role: string | null; project_id: string | null }[]
    >(
      `SELECT u.id AS user_id, u.status, ra.role, ra.project_id
         FROM gateway.tenant t
         LEFT JOIN gateway.tenant_user u ON u.tenant_id = t.id AND u.subject = $2
         LEFT JOIN gateway.role_assignment ra ON ra.tenant_id = u.tenant_id AND ra.user_id = u.id
        WHERE t.id = $1`,
      [tenantId, subject],
    );
    const entry: DirectoryEntry = {
      tenantExists: rows.length > 0,
      member: false,
      disabled: false,
      roles: [],
      projectRoles: {},
    };
    for (const row of rows) {
      if (!row.user_id) continue;
      entry.member = true;
      entry.disabled = row.status === 'disabled';
      const role = row.role as Role | null;
      if (!role || !Roles.includes(role)) continue;
      if (row.project_id) (entry.projectRoles[row.project_id] ??= []).push(role);
      else entry.roles.push(role);
    }
    return entry;
  }
}
