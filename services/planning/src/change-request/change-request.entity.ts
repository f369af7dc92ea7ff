import type { ChangeRequestKind, ChangeRequestState } from '@baton/contracts';
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

/** bigint comes back from pg as a string; amounts stay below 2^53, so a number is exact */
const bigintAsNumber = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

// Indexes and checks mirror the migration so the schema-drift test has nothing to report.
@Entity({ name: 'change_request' })
@Index('change_request_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('change_request_tenant_project_created_idx', ['tenantId', 'projectId', 'createdAt', 'id'])
@Index('change_request_tenant_project_updated_idx', ['tenantId', 'projectId', 'updatedAt', 'id'])
@Check('change_request_kind_ck', `kind IN ('scope', 'schedule', 'cost')`)
@Check('change_request_state_ck', `state IN ('draft', 'submitted', 'approved', 'rejected')`)
@Check('change_request_cost_ck', '(cost_impact_amount IS NULL) = (cost_impact_currency IS NULL)')
export class ChangeRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('varchar', { length: 16 }) kind: ChangeRequestKind;
  @Column('varchar', { length: 200 }) title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('integer', { name: 'schedule_impact_days', nullable: true }) scheduleImpactDays: number | null;
  /** minor units */
  @Column('bigint', { name: 'cost_impact_amount', nullable: true, transformer: bigintAsNumber })
  costImpactAmount: number | null;
  @Column('char', { name: 'cost_impact_currency', length: 3, nullable: true }) costImpactCurrency:
    string | null;
  @Column('varchar', { length: 16 }) state: ChangeRequestState;
  @Column('varchar', { name: 'created_by', length: 256 }) createdBy: string;
  @Column('varchar', { name: 'submitted_by', length: 256, nullable: true }) submittedBy: string | null;
  @Column({ type: 'timestamptz', name: 'submitted_at', precision: 3, nullable: true })
  submittedAt: Date | null;
  @Column('varchar', { name: 'decided_by', length: 256, nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decision_comment', nullable: true }) decisionComment: string | null;
  @Column('boolean', { default: false }) rebaseline: boolean;
  @Column('uuid', { name: 'baseline_id', nullable: true }) baselineId: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'change_request_project_fk',
  })
  project?: ProjectEntity;
}
