import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { BooleanFlag, CommaList, IsCalendarDate } from '../validation.js';

/**
 * An assignment puts a person on a project (optionally one task) for a date window at a share of
 * their working time (`units`, percent). A project manager requests it; the person's line manager
 * approves, rejects or counter-proposes (other units or dates), which the requester accepts or withdraws.
 */
export const AssignmentStatuses = [
  'requested',
  'approved',
  'rejected',
  'counter-proposed',
  'withdrawn',
] as const;
export type AssignmentStatus = (typeof AssignmentStatuses)[number];

/** above this a single person-task assignment needs `allowOverallocation` */
export const MAX_UNITS_WITHOUT_OVERRIDE = 100;
export const MAX_UNITS = 200;

export class CreateAssignmentRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'the person assigned (give this or teamId)' })
  @IsOptional()
  @IsUUID()
  personId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'a whole team: each member at the same units (give this or personId)',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;
  @ApiProperty({ format: 'uuid', description: 'a project of the tenant (planning)' })
  @IsUUID()
  projectId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a task of that project' })
  @IsOptional()
  @IsUUID()
  taskId?: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date', description: 'inclusive; on or after startDate' })
  @IsCalendarDate()
  endDate: string;
  @ApiProperty({
    minimum: 1,
    maximum: MAX_UNITS,
    example: 50,
    description: 'percent of the person’s working time (give this or hours)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS)
  units?: number;
  @ApiPropertyOptional({
    minimum: 0.25,
    example: 60,
    description:
      'total hours over the window, for a person (give this or units): turned into units of their working hours in the window (working days minus public holidays × hours per day), rounded up',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(100000)
  hours?: number;
  @ApiPropertyOptional({
    default: false,
    description: `allow units above ${MAX_UNITS_WITHOUT_OVERRIDE}% (overtime)`,
  })
  @IsOptional()
  @IsBoolean()
  allowOverallocation?: boolean;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export const AssignmentDecisions = ['approve', 'reject', 'counter-propose'] as const;
export type AssignmentDecision = (typeof AssignmentDecisions)[number];

export class DecideAssignmentBody {
  @ApiProperty({ enum: AssignmentDecisions }) @IsIn(AssignmentDecisions) decision: AssignmentDecision;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_UNITS, description: 'counter-proposal only' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UNITS)
  units?: number;
  @ApiPropertyOptional({ format: 'date', description: 'counter-proposal only' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;
  @ApiPropertyOptional({ format: 'date', description: 'counter-proposal only' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;
}

export class DecideAssignmentRequest {
  @IsUUID() id: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ValidateNested() @Type(() => DecideAssignmentBody) body: DecideAssignmentBody;
}

export const AssignmentResponses = ['accept', 'withdraw'] as const;
export class RespondAssignmentBody {
  @ApiProperty({
    enum: AssignmentResponses,
    description: 'accept a counter-proposal, or withdraw the request',
  })
  @IsIn(AssignmentResponses)
  response: (typeof AssignmentResponses)[number];
}

export class RespondAssignmentRequest {
  @IsUUID() id: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ValidateNested() @Type(() => RespondAssignmentBody) body: RespondAssignmentBody;
}

export class ListAssignmentsRequest extends PageRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({
    description: 'comma-separated statuses',
    type: String,
    example: 'requested,counter-proposed',
  })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(AssignmentStatuses.length)
  @IsIn(AssignmentStatuses, { each: true })
  status?: AssignmentStatus[];
  @ApiPropertyOptional({ format: 'uuid', description: 'requests awaiting this line manager' })
  @IsOptional()
  @IsUUID()
  lineManagerId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @BooleanFlag() @IsBoolean() includeClosed?: boolean;
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) personId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) teamId: string | null;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the hours asked for, when the request gave hours',
  })
  hours: number | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() units: number;
  @ApiProperty({ enum: AssignmentStatuses }) status: AssignmentStatus;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionComment: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'counter-proposal' }) proposedUnits:
    number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) proposedStartDate: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) proposedEndDate: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AssignmentPage implements Page<AssignmentResponse> {
  @ApiProperty({ type: [AssignmentResponse] }) items: AssignmentResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** payload of resources.assignment.* events */
export class AssignmentEvent {
  @IsUUID() id: string;
  @IsOptional() @IsUUID() personId: string | null;
  @IsOptional() @IsUUID() teamId: string | null;
  @IsUUID() projectId: string;
  @IsOptional() @IsUUID() taskId: string | null;
  @IsCalendarDate() startDate: string;
  @IsCalendarDate() endDate: string;
  @IsInt() units: number;
  @IsIn(AssignmentStatuses) status: AssignmentStatus;
}
