import type { SprintState } from '@baton/contracts';
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
import { ProjectEntity } from '../project/project.entity.js';

// Indexes and checks mirror the migration so the schema-drift test has nothing to report.
@Entity({ name: 'sprint' })
@Index('sprint_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('sprint_tenant_project_start_idx', ['tenantId', 'projectId', 'startDate', 'id'])
@Index('sprint_tenant_project_created_idx', ['tenantId', 'projectId', 'createdAt', 'id'])
@Index('sprint_one_active_uq', ['tenantId', 'projectId'], { unique: true, where: `state = 'active'` })
@Check('sprint_state_ck', `state IN ('planned', 'active', 'closed')`)
@Check('sprint_dates_ck', 'end_date > start_date')
@Check('sprint_capacity_ck', 'capacity >= 0')
export class SprintEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text', { nullable: true }) goal: string | null;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  /** story points */
  @Column('integer') capacity: number;
  @Column('varchar', { length: 16 }) state: SprintState;
  /** frozen when the sprint closes; live sums while it is open */
  @Column('integer', { name: 'committed_points', nullable: true }) committedPoints: number | null;
  @Column('integer', { name: 'item_count', nullable: true }) itemCount: number | null;
  @Column('integer', { name: 'completed_points', nullable: true }) completedPoints: number | null;
  @Column({ type: 'timestamptz', name: 'started_at', precision: 3, nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'closed_at', precision: 3, nullable: true }) closedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'sprint_project_fk',
  })
  project?: ProjectEntity;
}
