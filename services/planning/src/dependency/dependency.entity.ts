import type { DependencyType } from '@baton/contracts';
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
import { TaskEntity } from '../task/task.entity.js';

/** predecessor → successor with a type and a lag in working days; the two tasks may sit in two projects of one portfolio. */
@Entity({ name: 'dependency' })
@Index('dependency_pair_uq', ['predecessorId', 'successorId'], { unique: true })
@Index('dependency_successor_project_idx', ['successorProjectId', 'id'])
@Index('dependency_predecessor_project_idx', ['predecessorProjectId', 'id'])
@Index('dependency_successor_idx', ['successorId'])
@Check('dependency_type_ck', `type IN ('FS', 'SS', 'FF', 'SF')`)
@Check('dependency_self_ck', 'predecessor_id <> successor_id')
export class DependencyEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'predecessor_id' }) predecessorId: string;
  @Column('uuid', { name: 'successor_id' }) successorId: string;
  @Column('uuid', { name: 'predecessor_project_id' }) predecessorProjectId: string;
  @Column('uuid', { name: 'successor_project_id' }) successorProjectId: string;
  @Column('varchar', { length: 2 }) type: DependencyType;
  @Column('integer', { default: 0 }) lag: number;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'dependency_predecessor_fk' })
  predecessor?: TaskEntity;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'dependency_successor_fk' })
  successor?: TaskEntity;
}
