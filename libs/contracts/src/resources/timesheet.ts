import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { CommaList, IsCalendarDate } from '../validation.js';

/**
 * One timesheet per person and ISO week (`weekStart` is the Monday). Draft and rejected sheets
 * can be edited; submitted sheets wait for approval; approved sheets are locked (editing → 409)
 * and each of their entries is published as `resources.time-entry.approved`.
 */
export const TimesheetStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type TimesheetStatus = (typeof TimesheetStatuses)[number];

export class TimeEntryInput {
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() taskId?: string;
  @ApiProperty({ format: 'date', description: 'a day of the sheet’s week' }) @IsCalendarDate() date: string;
  @ApiProperty({ minimum: 0.25, maximum: 24, example: 7.5 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(24)
  hours: number;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class PutTimesheetBody {
  @ApiProperty({ type: [TimeEntryInput], description: 'replaces every entry of the sheet' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TimeEntryInput)
  entries: TimeEntryInput[];
}

export class PutTimesheetRequest {
  @IsUUID() personId: string;
  @IsCalendarDate() weekStart: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ValidateNested() @Type(() => PutTimesheetBody) body: PutTimesheetBody;
}

export class TimesheetKey {
  @IsUUID() personId: string;
  @IsCalendarDate() weekStart: string;
}

export const TimesheetActions = ['submit', 'approve', 'reject', 'reopen'] as const;
export type TimesheetAction = (typeof TimesheetActions)[number];

export class TimesheetTransitionBody {
  @ApiProperty({ enum: TimesheetActions }) @IsIn(TimesheetActions) action: TimesheetAction;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class TimesheetTransitionRequest extends TimesheetKey {
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ValidateNested() @Type(() => TimesheetTransitionBody) body: TimesheetTransitionBody;
}

export class ListTimesheetsRequest extends PageRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() personId?: string;
  @ApiPropertyOptional({ type: String, example: 'submitted' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(TimesheetStatuses.length)
  @IsIn(TimesheetStatuses, { each: true })
  status?: TimesheetStatus[];
}

export class TimeEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId: string | null;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() hours: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class TimesheetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty({ enum: TimesheetStatuses }) status: TimesheetStatus;
  @ApiProperty({ type: [TimeEntryResponse] }) entries: TimeEntryResponse[];
  @ApiProperty() totalHours: number;
  @ApiProperty({ type: String, nullable: true }) submittedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionComment: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TimesheetPage implements Page<TimesheetResponse> {
  @ApiProperty({ type: [TimesheetResponse] }) items: TimesheetResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** payload of resources.timesheet.* events */
export class TimesheetEvent {
  @IsUUID() id: string;
  @IsUUID() personId: string;
  @IsCalendarDate() weekStart: string;
  @IsIn(TimesheetStatuses) status: TimesheetStatus;
  @IsNumber() totalHours: number;
}

/** payload of resources.time-entry.approved: budget turns it into actual cost, planning into actual work */
export class TimeEntryApproved {
  @IsUUID() entryId: string;
  @IsUUID() timesheetId: string;
  @IsUUID() personId: string;
  @IsUUID() projectId: string;
  @IsOptional() @IsUUID() taskId: string | null;
  @IsCalendarDate() date: string;
  @IsNumber() hours: number;
  @IsOptional() @IsString() costRateRef: string | null;
}
