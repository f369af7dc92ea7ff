import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../validation.js';

/** A team: people who work together (a person may be in several teams). */
export class CreateTeamRequest {
  @ApiProperty({ maxLength: 200, example: 'Platform squad' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a member who leads the team' })
  @IsOptional()
  @IsUUID()
  leadId?: string;
  @ApiProperty({ type: [String], description: 'people of the tenant (uuids)' })
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds: string[];
}

/** PATCH body: what is given changes; `memberIds` replaces the members */
export class UpdateTeamBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'a member; null: no lead',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  leadId?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'replaces the members' })
  @IsOptional()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class UpdateTeamRequest {
  @IsUUID() id: string;
  @ValidateNested() @Type(() => UpdateTeamBody) changes: UpdateTeamBody;
}

export class TeamResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) leadId: string | null;
  @ApiProperty({ type: [String] }) memberIds: string[];
}

export class TeamList {
  @ApiProperty({ type: [TeamResponse] }) items: TeamResponse[];
}

export const AssetKinds = ['equipment', 'room', 'licence', 'other'] as const;
export type AssetKind = (typeof AssetKinds)[number];

/** A non-human resource with a capacity in its own unit (seats, licences, devices). */
export class CreateAssetRequest {
  @ApiProperty({ enum: AssetKinds }) @IsIn(AssetKinds) kind: AssetKind;
  @ApiProperty({ maxLength: 200, example: 'Test lab B' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
  @ApiProperty({ minimum: 1, maximum: 1000000, example: 12 }) @IsInt() @Min(1) @Max(1000000) capacity: number;
  @ApiProperty({ maxLength: 32, example: 'seats' }) @IsString() @IsNotEmpty() @MaxLength(32) unit: string;
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) location?: string;
}

export class AssetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AssetKinds }) kind: AssetKind;
  @ApiProperty() name: string;
  @ApiProperty() capacity: number;
  @ApiProperty() unit: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
}

export class AssetList {
  @ApiProperty({ type: [AssetResponse] }) items: AssetResponse[];
}

export class CreateVendorRequest {
  @ApiProperty({ maxLength: 200, example: 'Acme Consulting GmbH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ example: 'bids@acme.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
  @ApiPropertyOptional({ maxLength: 2, example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class VendorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
}

export class VendorList {
  @ApiProperty({ type: [VendorResponse] }) items: VendorResponse[];
}

/** A role the vendor supplies under the contract, its rate and how many hours a month it may bill. */
export class ContractRoleInput {
  @ApiProperty({ maxLength: 100, example: 'Senior SAP consultant' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role: string;
  @ApiProperty({ minimum: 0, example: 140 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100000)
  hourlyRate: number;
  @ApiProperty({ minimum: 0, example: 320, description: 'contracted capacity, hours per month' })
  @IsInt()
  @Min(0)
  @Max(100000)
  hoursPerMonth: number;
}

export const Currencies = /^[A-Z]{3}$/;

export class CreateContractRequest {
  @IsUUID() vendorId: string;
  @ApiProperty({ maxLength: 64, example: 'PO-2027-0042' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reference: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date', description: 'inclusive; on or after startDate' })
  @IsCalendarDate()
  endDate: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  @Matches(Currencies, { message: 'currency must be an ISO 4217 code' })
  currency: string;
  @ApiProperty({ type: [ContractRoleInput] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContractRoleInput)
  roles: ContractRoleInput[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    description: 'budget’s commitment this contract draws on',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(64)
  commitmentRef?: string | null;
}

export class ContractResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [ContractRoleInput] }) roles: ContractRoleInput[];
  @ApiProperty({ type: String, nullable: true }) commitmentRef: string | null;
  @ApiProperty({
    description: 'sum over roles of rate × hours per month × contract months (pro rata by day)',
  })
  ceilingAmount: number;
}

export class VendorContractsRequest {
  @IsUUID() vendorId: string;
}

export class ContractList {
  @ApiProperty({ type: [ContractResponse] }) items: ContractResponse[];
}

/** payload of resources.team.*, resources.asset.*, resources.vendor.*, resources.contract.* events */
export class OrganisationEvent {
  @IsUUID() id: string;
  @IsString() name: string;
}
