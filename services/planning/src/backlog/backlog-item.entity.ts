import type { BacklogItemStatus } from '@baton/contracts';
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
import { SprintEntity } from '../sprint/sprint.entity.js';

// Indexes and checks mirror the migration so the schema-drift test has nothing to report.
@Entity({ name: 'backlog_item' })
@Index('backlog_item_tenant_project_rank_idx', ['tenantId', 'projectId', 'rank', 'id'])
@Index('backlog_item_tenant_project_created_idx', ['tenantId', 'projectId', 'createdAt', 'id'])
@Index('backlog_item_tenant_sprint_idx', ['tenantId', 'sprintId'])
@Check('backlog_item_status_ck', `status IN ('todo', 'in-progress', 'done')`)
@Check(
  'backlog_item_points_ck',
  'story_points IS NULL OR story_points IN (0, 1, 2, 3, 5, 8, 13, 20, 40, 100)',
)
export class BacklogItemEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'sprint_id', nullable: true }) sprintId: string | null;
  @Column('varchar', { length: 200 }) title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('integer', { name: 'story_points', nullable: true }) storyPoints: number | null;
  @Column('varchar', { length: 16 }) status: BacklogItemStatus;
  /** backlog order: lower first, gapped so that a move usually touches one row */
  @Column('integer') rank: number;
  @Column({ type: 'timestamptz', name: 'done_at', precision: 3, nullable: true }) doneAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'backlog_item_project_fk',
  })
  project?: ProjectEntity;

  /** (tenant_id, sprint_id) → sprint (tenant_id, id): an item can only be in a sprint of its own tenant */
  @ManyToOne(() => SprintEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'backlog_item_sprint_fk',
    },
    { name: 'sprint_id', referencedColumnName: 'id' },
  ])
  sprint?: SprintEntity;
}
