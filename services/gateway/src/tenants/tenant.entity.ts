import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An organisation using Baton (a PMO, a department): every other row belongs to one. */
@Entity({ name: 'tenant' })
@Index('tenant_created_idx', ['createdAt', 'id'])
@Index('tenant_name_idx', ['name', 'id'])
export class TenantEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;
}
