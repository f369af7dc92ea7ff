import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PortfolioEntity } from '../portfolio/portfolio.entity.js';

// Indexes and keys are declared here as well as in the migration, so that the schema-drift test
// (entities vs. migrated database) has nothing to report.
@Entity({ name: 'programme' })
@Index('programme_tenant_id_uq', ['tenantId', 'id'], { unique: true })
/** the target of project_programme_fk: a project's portfolio is its programme's */
@Index('programme_tenant_id_portfolio_uq', ['tenantId', 'id', 'portfolioId'], { unique: true })
@Index('programme_tenant_code_uq', ['tenantId', 'code'], { unique: true, where: 'code IS NOT NULL' })
@Index('programme_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('programme_tenant_updated_idx', ['tenantId', 'updatedAt', 'id'])
@Index('programme_tenant_name_idx', ['tenantId', 'name', 'id'])
@Index('programme_tenant_portfolio_idx', ['tenantId', 'portfolioId'])
export class ProgrammeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'portfolio_id' }) portfolioId: string;
  @Column('varchar', { length: 32, nullable: true }) code: string | null;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;
  /** archived when set; the API's `status` is derived from it */
  @Column({ type: 'timestamptz', name: 'archived_at', precision: 3, nullable: true }) archivedAt: Date | null;

  /** (tenant_id, portfolio_id) → portfolio (tenant_id, id): a programme can only sit in its own tenant's portfolio */
  @ManyToOne(() => PortfolioEntity, { nullable: false, createForeignKeyConstraints: true })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'programme_portfolio_fk' },
    { name: 'portfolio_id', referencedColumnName: 'id' },
  ])
  portfolio?: PortfolioEntity;
}
