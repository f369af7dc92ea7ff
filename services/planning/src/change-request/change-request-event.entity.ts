import type { ChangeRequestAction, ChangeRequestState } from '@baton/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChangeRequestEntity } from './change-request.entity.js';

/** One line of a change request's decision audit; append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'change_request_event' })
@Index('change_request_event_cr_version_uq', ['tenantId', 'changeRequestId', 'version'], { unique: true })
export class ChangeRequestEventEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'change_request_id' }) changeRequestId: string;
  /** the change request's version after this action: orders the audit */
  @Column('integer') version: number;
  @Column('varchar', { length: 16 }) action: ChangeRequestAction;
  @Column('varchar', { name: 'from_state', length: 16, nullable: true }) fromState: ChangeRequestState | null;
  @Column('varchar', { name: 'to_state', length: 16 }) toState: ChangeRequestState;
  @Column('varchar', { name: 'actor_id', length: 256 }) actorId: string;
  @Column('jsonb', { name: 'actor_roles' }) actorRoles: string[];
  @Column({ type: 'timestamptz', precision: 3 }) at: Date;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('uuid', { name: 'baseline_id', nullable: true }) baselineId: string | null;

  @ManyToOne(() => ChangeRequestEntity, { createForeignKeyConstraints: true })
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'change_request_event_cr_fk',
    },
    { name: 'change_request_id', referencedColumnName: 'id' },
  ])
  changeRequest?: ChangeRequestEntity;
}
