import type { AssetKind, ContractRoleInput } from '@baton/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PersonEntity } from '../person/person.entity.js';

@Entity({ name: 'team' })
@Index('team_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('team_tenant_name_uq', ['tenantId', 'name'], { unique: true })
export class TeamEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 1000, nullable: true }) description: string | null;
  @Column('uuid', { name: 'lead_id', nullable: true }) leadId: string | null;
}

@Entity({ name: 'team_member' })
@Index('team_member_person_idx', ['tenantId', 'personId'])
export class TeamMemberEntity {
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'team_id' }) teamId: string;
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'team_member_team_fk' },
    { name: 'team_id', referencedColumnName: 'id' },
  ])
  team?: TeamEntity;

  @ManyToOne(() => PersonEntity)
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'team_member_person_fk',
    },
    { name: 'person_id', referencedColumnName: 'id' },
  ])
  person?: PersonEntity;
}

@Entity({ name: 'asset' })
@Index('asset_tenant_name_idx', ['tenantId', 'name'])
@Check('asset_capacity_ck', 'capacity > 0')
export class AssetEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 16 }) kind: AssetKind;
  @Column('varchar', { length: 200 }) name: string;
  @Column('integer') capacity: number;
  @Column('varchar', { length: 32 }) unit: string;
  @Column('varchar', { length: 64, nullable: true }) location: string | null;
}

@Entity({ name: 'vendor' })
@Index('vendor_tenant_id_uq', ['tenantId', 'id'], { unique: true })
@Index('vendor_tenant_name_uq', ['tenantId', 'name'], { unique: true })
export class VendorEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { name: 'contact_email', length: 254, nullable: true }) contactEmail: string | null;
  @Column('varchar', { length: 2, nullable: true }) country: string | null;
}

@Entity({ name: 'vendor_contract' })
@Index('vendor_contract_reference_uq', ['tenantId', 'reference'], { unique: true })
@Index('vendor_contract_vendor_idx', ['tenantId', 'vendorId'])
@Check('vendor_contract_dates_ck', 'end_date >= start_date')
export class VendorContractEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId: string;
  @Column('varchar', { length: 64 }) reference: string;
  @Column('date', { name: 'start_date' }) startDate: string;
  @Column('date', { name: 'end_date' }) endDate: string;
  @Column('varchar', { length: 3 }) currency: string;
  @Column('jsonb') roles: ContractRoleInput[];
  @Column('varchar', { name: 'commitment_ref', length: 64, nullable: true }) commitmentRef: string | null;

  @ManyToOne(() => VendorEntity)
  @JoinColumn([
    {
      name: 'tenant_id',
      referencedColumnName: 'tenantId',
      foreignKeyConstraintName: 'vendor_contract_vendor_fk',
    },
    { name: 'vendor_id', referencedColumnName: 'id' },
  ])
  vendor?: VendorEntity;
}
