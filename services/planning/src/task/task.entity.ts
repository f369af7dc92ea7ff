import type { ConstraintType, TaskKind } from '@baton/contracts';
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

/**
 * A WBS element: a task, a milestone (duration 0) or a summary (it has children; its dates,
 * effort and progress roll up). `wbs_path` holds the 1-based position at each level ([1, 2, 3]
 * is WBS code 1.2.3), so ordering by it is WBS order. Computed dates are working-day offsets
 * from the project's start on its calendar.
 */
@Entity({ name: 'task' })
@Index('task_project_wbs_idx', ['projectId', 'wbsPath', 'id'])
@Index('task_parent_idx', ['parentId'])
@Check('task_kind_ck', `kind IN ('task', 'summary', 'milestone')`)
@Check('task_constraint_ck', '(constraint_type IS NULL) = (constraint_date IS NULL)')
@Check('task_percent_ck', 'percent_complete BETWEEN 0 AND 100')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('integer') position: number;
  @Column('integer', { name: 'wbs_path', array: true }) wbsPath: number[];
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 10 }) kind: TaskKind;
  @Column('integer') duration: number;
  @Column('numeric', { precision: 12, scale: 2, nullable: true }) effort: string | null;
  @Column('varchar', { name: 'constraint_type', length: 4, nullable: true })
  constraintType: ConstraintType | null;
  @Column('date', { name: 'constraint_date', nullable: true }) constraintDate: string | null;
  @Column('date', { nullable: true }) deadline: string | null;
  @Column('smallint', { name: 'percent_complete', default: 0 }) percentComplete: number;
  @Column('date', { name: 'actual_start', nullable: true }) actualStart: string | null;
  @Column('date', { name: 'actual_finish', nullable: true }) actualFinish: string | null;
  @Column('integer', { name: 'remaining_duration', nullable: true }) remainingDuration: number | null;
  @Column('integer', { name: 'early_start', nullable: true }) earlyStart: number | null;
  @Column('integer', { name: 'early_finish', nullable: true }) earlyFinish: number | null;
  @Column('integer', { name: 'late_start', nullable: true }) lateStart: number | null;
  @Column('integer', { name: 'late_finish', nullable: true }) lateFinish: number | null;
  @Column('integer', { name: 'total_float', nullable: true }) totalFloat: number | null;
  @Column('integer', { name: 'free_float', nullable: true }) freeFloat: number | null;
  @Column('boolean', { default: false }) critical: boolean;
  @Column('boolean', { default: false }) late: boolean;
  /** null, 'achieved' or 'missed': milestone events fire on a change of state */
  @Column('varchar', { name: 'milestone_state', length: 10, nullable: true }) milestoneState: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'task_project_fk' },
    { name: 'project_id', referencedColumnName: 'id' },
  ])
  project?: ProjectEntity;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'task_parent_fk' })
  parent?: TaskEntity;
}
