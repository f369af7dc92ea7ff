import type { LevelingChange, LevelingRunStatus, LevelingSkip } from '@baton/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'leveling_run' })
@Index('leveling_run_tenant_project_idx', ['tenantId', 'projectId', 'createdAt'])
@Check('leveling_run_status_ck', `status IN ('proposed', 'applied', 'discarded')`)
export class LevelingRunEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Column('varchar', { length: 16 }) status: LevelingRunStatus;
  @Column('integer', { name: 'budget_ms' }) budgetMs: number;
  @Column('integer', { name: 'makespan_before' }) makespanBefore: number;
  @Column('integer', { name: 'makespan_after' }) makespanAfter: number;
  @Column('integer', { name: 'lower_bound' }) lowerBound: number;
  @Column('integer', { name: 'schedules_evaluated' }) schedulesEvaluated: number;
  @Column('integer') resources: number;
  @Column('jsonb') changes: LevelingChange[];
  @Column('jsonb') skipped: LevelingSkip[];
  @Column('varchar', { name: 'created_by', length: 200 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column('varchar', { name: 'decided_by', length: 200, nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', precision: 3, nullable: true }) decidedAt: Date | null;
  @Column('integer', { default: 1 }) version: number;
}
