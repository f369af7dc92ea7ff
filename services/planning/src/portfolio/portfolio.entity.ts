import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

// Indexes and checks are declared here as well as in the migrations, so that the schema-drift
// test (entities vs. migrated database) has nothing to report.
@Entity({ name: 'portfolio' })
@Index('portfolio_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('portfolio_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('portfolio_tenant_name_idx', ['tenantId', 'name', 'id'])
export class PortfolioEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;
  /** archived when set; the API's `status` is derived from it */
  @Column({ type: 'timestamptz', name: 'archived_at', precision: 3, nullable: true }) archivedAt: Date | null;
}
