import type { ProjectStatus } from '@baton/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'project_view' })
@Index('project_view_tenant_name_idx', ['tenantId', 'name', 'projectId'])
export class ProjectViewEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'project_id' }) projectId: string;
  @Column('uuid', { name: 'portfolio_id', nullable: true }) portfolioId: string | null;
  @Column('uuid', { name: 'programme_id', nullable: true }) programmeId: string | null;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 32, nullable: true }) code: string | null;
  @Column('varchar', { length: 16 }) status: ProjectStatus;
  @Column('boolean', { default: false }) archived: boolean;
  @Column('date', { name: 'target_date', nullable: true }) targetDate: string | null;
  @Column('integer') version: number;
  @Column('integer', { name: 'events_applied', default: 1 }) eventsApplied: number;
  @Column('uuid', { name: 'last_event_id' }) lastEventId: string;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}
