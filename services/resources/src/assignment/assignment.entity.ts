import type { AssignmentStatus } from '@baton/contracts';
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
import { TeamEntity } from '../organisation/organisation.entity.js';
import { PersonEntity } from '../person/person.entity.js';
import { NumericColumn } from '../shared/numeric.js';

@Entity({ name: 'assignment' })
@Index('assignment_tenant_person_idx', ['tenantId', 'personId', 'startDate'])
@Index('assignment_tenant_project_idx', ['tenantId', 'projectId'])
@Index('assignment_tenant_team_idx', ['tenantId', 'teamId'])
@Check('assignment_target_ck', '(person_id IS NULL) <> (team_id IS NULL)')
@Index('assignment_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Check('assignment_dates_ck', 'end_date >= start_date')
@Check('assignment_units_ck', 'units BETWEEN 1 AND 200')
@Check(
  'assignment_status_ck',
  `status IN ('requested', 'approved', 'rejected', 'counter-proposed', 'withdrawn')`,
)
export class AssignmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'person_id', nullable: true }) personId: string | null;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId: string | null;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId: string | null;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('smallint') units: number;
  @Column('numeric', { precision: 8, scale: 2, nullable: true, transformer: NumericColumn }) hours:
    number | null;
  @Column('varchar', { length: 16 }) status: AssignmentStatus;
  @Column('varchar', { length: 1000, nullable: true }) note: string | null;
  @Column('varchar', { name: 'requested_by', length: 200 }) requestedBy: string;
  @Column('varchar', { name: 'decided_by', length: 200, nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column('varchar', { name: 'decision_comment', length: 1000, nullable: true }) decisionComment:
    string | null;
  @Column('smallint', { name: 'proposed_units', nullable: true }) proposedUnits: number | null;
  @Column('date', { name: 'proposed_start_date', nullable: true }) proposedStartDate: string | null;
  @Column('date', { name: 'proposed_end_date', nullable: true }) proposedEndDate: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => PersonEntity)
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'assignment_person_fk' },
    { name: 'person_id', referencedColumnName: 'id' },
  ])
  person?: PersonEntity;

  @ManyToOne(() => TeamEntity)
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'assignment_team_fk' },
    { name: 'team_id', referencedColumnName: 'id' },
  ])
  team?: TeamEntity;
}
