import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
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
import { PageRequest, type Page } from '../pagination.js';
import { CommaList } from '../validation.js';

export const ChangeRequestKinds = ['scope', 'schedule', 'cost'] as const;
export type ChangeRequestKind = (typeof ChangeRequestKinds)[number];

/** draft → submitted → approved | rejected; approved and rejected are final */
export const ChangeRequestStates = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type ChangeRequestState = (typeof ChangeRequestStates)[number];

/** what the decision audit records */
export const ChangeRequestActions = ['created', 'updated', 'submitted', 'approved', 'rejected'] as const;
export type ChangeRequestAction = (typeof ChangeRequestActions)[number];

const MAX_MINOR = 900_000_000_000_000; // < 2^53: exact in JSON numbers and in bigint columns

/** Money as integer minor units (cents) with an ISO 4217 code; negative = a saving. */
export class CostImpact {
  @ApiProperty({
    type: 'integer',
    example: 1250000,
    description: 'minor units (e.g. cents); negative for a saving',
  })
  @IsInt()
  @Min(-MAX_MINOR)
  @Max(MAX_MINOR)
  amount: number;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;
}

export class CreateChangeRequestBody {
  @ApiProperty({ enum: ChangeRequestKinds })
  @IsIn(ChangeRequestKinds)
  kind: ChangeRequestKind;

  @ApiProperty({ maxLength: 200, example: 'Add SSO to the customer portal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 8000 })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  description?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: -3650,
    maximum: 3650,
    description: 'working days the finish moves (negative: earlier)',
  })
  @IsOptional()
  @IsInt()
  @Min(-3650)
  @Max(3650)
  scheduleImpactDays?: number;

  @ApiPropertyOptional({ type: CostImpact })
  @IsOptional()
  @ValidateNested()
  @Type(() => CostImpact)
  costImpact?: CostImpact;
}

export class CreateChangeRequestRequest extends CreateChangeRequestBody {
  @IsUUID()
  projectId: string;
}

/** PATCH body (drafts only); `null` clears the optional fields. */
export class UpdateChangeRequestBody {
  @ApiPropertyOptional({ enum: ChangeRequestKinds })
  @IsOptional()
  @IsIn(ChangeRequestKinds)
  kind?: ChangeRequestKind;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 8000 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(8000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: -3650, maximum: 3650 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(-3650)
  @Max(3650)
  scheduleImpactDays?: number | null;

  @ApiPropertyOptional({ type: CostImpact, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @ValidateNested()
  @Type(() => CostImpact)
  costImpact?: CostImpact | null;
}

export class UpdateChangeRequestRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateChangeRequestBody)
  changes: UpdateChangeRequestBody;
}

export class SubmitChangeRequestRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ApproveChangeRequestBody {
  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'save a new baseline of the project in the same transaction as the approval',
  })
  @IsOptional()
  @IsBoolean()
  rebaseline?: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'name of that baseline (default: "CR: <title>")' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  baselineName?: string;
}

export class ApproveChangeRequestRequest extends ApproveChangeRequestBody {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class RejectChangeRequestBody {
  @ApiProperty({ maxLength: 4000, description: 'why: a rejection always says why' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  comment: string;
}

export class RejectChangeRequestRequest extends RejectChangeRequestBody {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export const ChangeRequestSorts = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type ChangeRequestSort = (typeof ChangeRequestSorts)[number];

export class ListChangeRequestsQuery extends PageRequest {
  @ApiPropertyOptional({ enum: ChangeRequestSorts, default: 'createdAt' })
  @IsOptional()
  @IsIn(ChangeRequestSorts)
  sort?: ChangeRequestSort;

  @ApiPropertyOptional({ description: 'comma-separated states', example: 'submitted', type: String })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ChangeRequestStates.length)
  @IsIn(ChangeRequestStates, { each: true })
  state?: ChangeRequestState[];

  @ApiPropertyOptional({ description: 'comma-separated kinds', example: 'scope,cost', type: String })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ChangeRequestKinds.length)
  @IsIn(ChangeRequestKinds, { each: true })
  kind?: ChangeRequestKind[];
}

export class ListChangeRequestsRequest extends ListChangeRequestsQuery {
  @IsUUID()
  projectId: string;
}

export class ChangeRequestHistoryRequest extends PageRequest {
  @IsUUID()
  id: string;
}

/** A change request as the API returns it, and the snapshot carried by `planning.change-request.*` events. */
export class ChangeRequestResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty({ enum: ChangeRequestKinds }) @IsIn(ChangeRequestKinds) kind: ChangeRequestKind;
  @ApiProperty() @IsString() title: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() description: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) @IsOptional() @IsInt() scheduleImpactDays: number | null;
  @ApiProperty({ type: CostImpact, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CostImpact)
  costImpact: CostImpact | null;
  @ApiProperty({ enum: ChangeRequestStates }) @IsIn(ChangeRequestStates) state: ChangeRequestState;
  @ApiProperty() @IsString() createdBy: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() submittedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsString() submittedAt:
    string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsString() decidedAt:
    string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() decisionComment: string | null;
  @ApiProperty({ description: 'the approval asked for a new baseline' }) @IsBoolean() rebaseline: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the baseline the approval saved',
  })
  @IsOptional()
  @IsUUID()
  baselineId: string | null;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class ChangeRequestPage implements Page<ChangeRequestResponse> {
  @ApiProperty({ type: [ChangeRequestResponse] }) items: ChangeRequestResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** One line of the decision audit: who moved the change request from which state to which, and when. */
export class ChangeRequestHistoryEntry {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() changeRequestId: string;
  @ApiProperty({
    type: 'integer',
    description: "the change request's version after this action (the audit's order)",
  })
  @IsInt()
  version: number;
  @ApiProperty({ enum: ChangeRequestActions }) @IsIn(ChangeRequestActions) action: ChangeRequestAction;
  @ApiProperty({ enum: ChangeRequestStates, nullable: true })
  @IsOptional()
  @IsIn(ChangeRequestStates)
  fromState: ChangeRequestState | null;
  @ApiProperty({ enum: ChangeRequestStates }) @IsIn(ChangeRequestStates) toState: ChangeRequestState;
  @ApiProperty() @IsString() actorId: string;
  @ApiProperty({ type: [String] }) @IsString({ each: true }) actorRoles: string[];
  @ApiProperty({ format: 'date-time' }) @IsString() at: string;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() comment: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() baselineId:
    string | null;
}

export class ChangeRequestHistoryPage implements Page<ChangeRequestHistoryEntry> {
  @ApiProperty({ type: [ChangeRequestHistoryEntry] }) items: ChangeRequestHistoryEntry[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
