import type { ProjectStatus } from '@baton/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PortfolioEntity } from '../portfolio/portfolio.entity.js';

@Entity({ name: 'project' })
@Index('project_tenant_code_uq', ['tenantId', 'code'], { unique: true, where: 'code IS NOT NULL' })
@Index('project_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('project_tenant_updated_idx', ['tenantId', 'updatedAt', 'id'])
@Index('project_tenant_name_idx', ['tenantId', 'name', 'id'])
@Index('project_tenant_portfolio_idx', ['tenantId', 'portfolioId'])
@Check('project_status_check', `status IN ('proposed', 'active', 'on_hold', 'completed', 'cancelled')`)
@Check('project_dates_ck', 'start_date IS NULL OR target_date IS NULL OR target_date >= start_date')
export class ProjectEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'portfolio_id', nullable: true }) portfolioId: string | null;
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

  /** (tenant_id, portfolio_id) → portfolio (tenant_id, id): a project can only point into its own tenant */
  @ManyToOne(() => PortfolioEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'project_portfolio_fk' },
    { name: 'portfolio_id', referencedColumnName: 'id' },
  ])
  portfolio?: PortfolioEntity;
}
