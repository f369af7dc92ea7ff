import type { TimesheetStatus } from '@baton/contracts';
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
import { PersonEntity } from '../person/person.entity.js';
import { NumericColumn } from '../shared/numeric.js';

@Entity({ name: 'timesheet' })
@Index('timesheet_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('timesheet_person_week_uq', ['tenantId', 'personId', 'weekStart'], { unique: true })
@Index('timesheet_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Check('timesheet_monday_ck', 'EXTRACT(ISODOW FROM week_start) = 1')
@Check('timesheet_status_ck', `status IN ('draft', 'submitted', 'approved', 'rejected')`)
export class TimesheetEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('date', { name: 'week_start' }) weekStart: string;
  @Column('varchar', { length: 16 }) status: TimesheetStatus;
  @Column('varchar', { name: 'submitted_by', length: 200, nullable: true }) submittedBy: string | null;
  @Column('varchar', { name: 'decided_by', length: 200, nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column('varchar', { name: 'decision_comment', length: 1000, nullable: true }) decisionComment:
    string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => PersonEntity)
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'timesheet_person_fk' },
    { name: 'person_id', referencedColumnName: 'id' },
  ])
  person?: PersonEntity;
}

@Entity({ name: 'time_entry' })
@Index('time_entry_timesheet_idx', ['timesheetId'])
@Check('time_entry_hours_ck', 'hours > 0 AND hours <= 24')
export class TimeEntryEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'timesheet_id' }) timesheetId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId: string | null;
  @Column('date') date: string;
  @Column('numeric', { precision: 5, scale: 2, transformer: NumericColumn }) hours: number;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;

  @ManyToOne(() => TimesheetEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'time_entry_timesheet_fk',
    },
    { name: 'timesheet_id', referencedColumnName: 'id' },
  ])
  timesheet?: TimesheetEntity;
}
