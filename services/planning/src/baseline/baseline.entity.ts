import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProjectEntity } from '../project/project.entity.js';

/** A named snapshot of a project's task dates and durations. */
@Entity({ name: 'baseline' })
@Index('baseline_project_name_uq', ['projectId', 'name'], { unique: true })
@Index('baseline_project_created_idx', ['projectId', 'createdAt', 'id'])
export class BaselineEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('integer', { name: 'task_count' }) taskCount: number;
  @Column('date', { name: 'start_date', nullable: true }) startDate: string | null;
  @Column('date', { name: 'finish_date', nullable: true }) finishDate: string | null;
  @Column('varchar', { name: 'created_by', length: 256 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;

  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'baseline_project_fk' },
    { name: 'project_id', referencedColumnName: 'id' },
  ])
  project?: ProjectEntity;
}

/** One task's dates in a baseline (dates, not offsets: they survive calendar changes). */
@Entity({ name: 'baseline_task' })
export class BaselineTaskEntity {
  @PrimaryColumn('uuid', { name: 'baseline_id' }) baselineId: string;
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId: string;
  @Column('date', { name: 'start_date', nullable: true }) startDate: string | null;
  @Column('date', { name: 'finish_date', nullable: true }) finishDate: string | null;
  @Column('integer') duration: number;

  @ManyToOne(() => BaselineEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'baseline_id', foreignKeyConstraintName: 'baseline_task_baseline_fk' })
  baseline?: BaselineEntity;
}
