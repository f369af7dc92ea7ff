import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity.js';

/**
 * One row per tenant: what its admins may tune. Read by the rate limiter and webhooks (issue 5);
 * every replica's TenantSettingsRefresher polls the rows changed since its last reload (`updated_at`).
 */
@Entity({ name: 'tenant_settings' })
@Index('tenant_settings_updated_idx', ['updatedAt'])
export class TenantSettingsEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId: string;
  /** requests per minute for each API key or user of the tenant; null: the gateway's default */
  @Column('integer', { name: 'rate_limit_per_minute', nullable: true }) rateLimitPerMinute: number | null;
  /** webhooks may target loopback, link-local and private addresses (SSRF guard off for this tenant) */
  @Column('boolean', { name: 'webhook_allow_private_targets', default: false })
  webhookAllowPrivateTargets: boolean;
  @Column('integer', { default: 1 }) version: number;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3, default: () => 'now()' }) updatedAt: Date;

  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'tenant_settings_tenant_fk' })
  tenant?: TenantEntity;
}
