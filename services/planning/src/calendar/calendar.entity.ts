import type { CalendarException } from '@baton/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A working calendar of a tenant: working weekdays (ISO 1–7), holidays, single-day exceptions. */
@Entity({ name: 'calendar' })
@Index('calendar_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('calendar_tenant_name_idx', ['tenantId', 'name', 'id'])
export class CalendarEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('smallint', { name: 'working_days', array: true }) workingDays: number[];
  @Column('date', { array: true }) holidays: string[];
  @Column('jsonb') exceptions: CalendarException[];
  @Column('integer', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;
}
