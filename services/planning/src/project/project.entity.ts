import type { ProjectStatus } from '@baton/contracts';
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
import { CalendarEntity } from '../calendar/calendar.entity.js';
import { PortfolioEntity } from '../portfolio/portfolio.entity.js';
import { ProgrammeEntity } from '../programme/programme.entity.js';

@Entity({ name: 'project' })
@Index('project_tenant_code_uq', ['tenantId', 'code'], { unique: true, where: 'code IS NOT NULL' })
@Index('project_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('project_tenant_updated_idx', ['tenantId', 'updatedAt', 'id'])
@Index('project_tenant_name_idx', ['tenantId', 'name', 'id'])
@Index('project_tenant_portfolio_idx', ['tenantId', 'portfolioId'])
@Index('project_tenant_programme_idx', ['tenantId', 'programmeId'])
@Index('project_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Check('project_status_check', `status IN ('proposed', 'active', 'on_hold', 'completed', 'cancelled')`)
@Check('project_programme_portfolio_ck', 'programme_id IS NULL OR portfolio_id IS NOT NULL')
@Check('project_dates_ck', 'start_date IS NULL OR target_date IS NULL OR target_date >= start_date')
export class ProjectEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'portfolio_id', nullable: true }) portfolioId: string | null;
  @Column('uuid', { name: 'programme_id', nullable: true }) programmeId: string | null;
  @Column('varchar', { length: 32, nullable: true }) code: string | null;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('varchar', { length: 16 }) status: ProjectStatus;
  /** calendar dates travel as 'YYYY-MM-DD' strings, never as Date (no time-zone shifts) */
  @Column('date', { name: 'start_date', nullable: true }) startDate: string | null;
  @Column('date', { name: 'target_date', nullable: true }) targetDate: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;
  @Column({ type: 'timestamptz', name: 'archived_at', precision: 3, nullable: true }) archivedAt: Date | null;
  // scheduling: settings, then the last computed summary (working-day offset of the finish)
  @Column('uuid', { name: 'calendar_id', nullable: true }) calendarId: string | null;
  @Column('date', { name: 'status_date', nullable: true }) statusDate: string | null;
  @Column('date', { nullable: true }) deadline: string | null;
  @Column('integer', { name: 'finish_offset', nullable: true }) finishOffset: number | null;
  @Column('integer', { name: 'task_count', default: 0 }) taskCount: number;
  @Column('integer', { name: 'critical_count', default: 0 }) criticalCount: number;
  @Column('integer', { name: 'late_count', default: 0 }) lateCount: number;
  @Column({ type: 'timestamptz', name: 'scheduled_at', precision: 3, nullable: true })
  scheduledAt: Date | null;

  /** (tenant_id, portfolio_id) → portfolio (tenant_id, id): a project can only point into its own tenant */
  @ManyToOne(() => PortfolioEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'project_portfolio_fk' },
    { name: 'portfolio_id', referencedColumnName: 'id' },
  ])
  portfolio?: PortfolioEntity;

  /**
   * (tenant_id, programme_id, portfolio_id) → programme (tenant_id, id, portfolio_id): a project in
   * a programme is in that programme's portfolio (and tenant)
   */
  @ManyToOne(() => ProgrammeEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'project_programme_fk' },
    { name: 'programme_id', referencedColumnName: 'id' },
    { name: 'portfolio_id', referencedColumnName: 'portfolioId' },
  ])
  programme?: ProgrammeEntity;

  @ManyToOne(() => CalendarEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'project_calendar_fk' },
    { name: 'calendar_id', referencedColumnName: 'id' },
  ])
  calendar?: CalendarEntity;

  /** a new random value at every reschedule: an in-memory copy of the network is current only while it matches */
  @Column('uuid', { name: 'schedule_rev', nullable: true }) scheduleRev: string | null;
}
