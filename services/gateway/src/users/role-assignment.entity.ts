import type { Role } from '@baton/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** A role a user holds in their tenant: tenant-wide (`projectId` null) or for one project. */
@Entity({ name: 'role_assignment' })
@Index('role_assignment_tenant_uq', ['tenantId', 'userId', 'role'], {
  unique: true,
  where: 'project_id IS NULL',
})
@Index('role_assignment_project_uq', ['tenantId', 'userId', 'role', 'projectId'], {
  unique: true,
  where: 'project_id IS NOT NULL',
})
export class RoleAssignmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('varchar', { length: 32 }) role: Role;
  @Column('uuid', { name: 'project_id', nullable: true }) projectId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;

  /** (tenant_id, user_id) → tenant_user (tenant_id, id): an assignment can only name a user of its own tenant */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'role_assignment_user_fk',
    },
    { name: 'user_id', referencedColumnName: 'id' },
  ])
  user?: UserEntity;
}
