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
import { NumericColumn } from '../shared/numeric.js';

// Indexes, checks and foreign keys are declared here as well as in the migration, so that the
// schema-drift test (entities vs. migrated database) has nothing to report.
@Entity({ name: 'skill' })
@Index('skill_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('skill_tenant_name_uq', ['tenantId', 'name'], { unique: true })
export class SkillEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity({ name: 'person' })
@Index('person_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('person_tenant_email_uq', ['tenantId', 'email'], { unique: true })
@Index('person_tenant_name_idx', ['tenantId', 'name', 'id'])
@Index('person_tenant_department_idx', ['tenantId', 'department'])
@Index('person_tenant_manager_idx', ['tenantId', 'lineManagerId'])
@Check('person_hours_ck', 'hours_per_day > 0 AND hours_per_day <= 24')
@Check('person_cost_ck', 'hourly_cost IS NULL OR hourly_cost >= 0')
export class PersonEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 254 }) email: string;
  @Column('varchar', { name: 'job_role', length: 100, nullable: true }) jobRole: string | null;
  @Column('varchar', { length: 100, nullable: true }) department: string | null;
  @Column('uuid', { name: 'line_manager_id', nullable: true }) lineManagerId: string | null;
  @Column('varchar', { name: 'cost_rate_ref', length: 64, nullable: true }) costRateRef: string | null;
  @Column('numeric', {
    name: 'hourly_cost',
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: NumericColumn,
  })
  hourlyCost: number | null;
  @Column('numeric', {
    name: 'hours_per_day',
    precision: 4,
    scale: 2,
    default: 8,
    transformer: NumericColumn,
  })
  hoursPerDay: number;
  @Column('smallint', { name: 'working_days', array: true }) workingDays: number[];
  @Column('varchar', { length: 64, nullable: true }) location: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @ManyToOne(() => PersonEntity, { nullable: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'person_manager_fk' },
    { name: 'line_manager_id', referencedColumnName: 'id' },
  ])
  lineManager?: PersonEntity;
}

@Entity({ name: 'person_skill' })
@Index('person_skill_tenant_skill_idx', ['tenantId', 'skillId'])
@Check('person_skill_level_ck', 'level BETWEEN 1 AND 5')
export class PersonSkillEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;
  @PrimaryColumn('uuid', { name: 'skill_id' }) skillId: string;
  @Column('smallint') level: number;
  @Column('varchar', { length: 200, nullable: true }) certificate: string | null;
  @Column('date', { name: 'certified_until', nullable: true }) certifiedUntil: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'person_skill_person_fk',
    },
    { name: 'person_id', referencedColumnName: 'id' },
  ])
  person?: PersonEntity;

  @ManyToOne(() => SkillEntity)
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'person_skill_skill_fk',
    },
    { name: 'skill_id', referencedColumnName: 'id' },
  ])
  skill?: SkillEntity;
}

@Entity({ name: 'leave' })
@Index('leave_tenant_person_idx', ['tenantId', 'personId', 'startDate'])
@Check('leave_dates_ck', 'end_date >= start_date')
export class LeaveEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('varchar', { length: 16 }) kind: string;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'leave_person_fk' },
    { name: 'person_id', referencedColumnName: 'id' },
  ])
  person?: PersonEntity;
}

@Entity({ name: 'public_holiday' })
export class PublicHolidayEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('varchar', { length: 64 }) location: string;
  @PrimaryColumn('date') date: string;
  @Column('varchar', { length: 200 }) name: string;
}
