import type { Role } from '@baton/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../tenants/tenant.entity.js';

/**
 * A credential for an integration: acts in one tenant with one role. Only the SHA-256 of the
 * key is stored; `prefix` (public, unique) finds the row and is what lists show.
 */
@Entity({ name: 'api_key' })
@Index('api_key_prefix_uq', ['prefix'], { unique: true })
@Index('api_key_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('api_key_tenant_name_idx', ['tenantId', 'name', 'id'])
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 16 }) prefix: string;
  /** hex SHA-256 of the whole key */
  @Column('char', { name: 'secret_hash', length: 64 }) secretHash: string;
  @Column('varchar', { length: 32 }) role: Role;
  @Column({ type: 'timestamptz', name: 'expires_at', precision: 3, nullable: true }) expiresAt: Date | null;
  @Column({ type: 'timestamptz', name: 'revoked_at', precision: 3, nullable: true }) revokedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'rotated_at', precision: 3, nullable: true }) rotatedAt: Date | null;
  @Column('varchar', { name: 'created_by', length: 256 }) createdBy: string;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'api_key_tenant_fk' })
  tenant?: TenantEntity;
}
