import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { TenantEntity } from '../tenants/tenant.entity.js';

export const UserStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof UserStatuses)[number];

/** A person's membership of one tenant, keyed by their identity provider subject (`sub`). */
@Entity({ name: 'tenant_user' })
@Index('tenant_user_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('tenant_user_tenant_subject_uq', ['tenantId', 'subject'], { unique: true })
@Index('tenant_user_subject_idx', ['subject'])
@Index('tenant_user_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('tenant_user_tenant_subject_sort_idx', ['tenantId', 'subject', 'id'])
@Check('tenant_user_status_check', `status IN ('active', 'disabled')`)
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 256 }) subject: string;
  @Column('varchar', { length: 320, nullable: true }) email: string | null;
  @Column('varchar', { name: 'display_name', length: 200, nullable: true }) displayName: string | null;
  @Column('varchar', { length: 16 }) status: UserStatus;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_user_tenant_fk' })
  tenant?: TenantEntity;
}
