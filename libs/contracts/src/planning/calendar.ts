import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { IsCalendarDate } from '../validation.js';
import { ByIdRequest } from '../common.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';
import { ScheduleSummary } from './task.js';

/** ISO weekdays: 1 = Monday … 7 = Sunday */
export const DEFAULT_WORKING_WEEK = [1, 2, 3, 4, 5];
const MAX_DAYS = 2000;

export class CalendarException {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ description: 'true: a working day (e.g. a Saturday release); false: a day off' })
  @IsBoolean()
  working: boolean;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CalendarFields {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer' },
    example: DEFAULT_WORKING_WEEK,
    description: 'ISO weekdays (1 = Monday … 7 = Sunday)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays?: number[];

  @ApiPropertyOptional({ type: [String], format: 'date', example: ['2027-12-25'], description: 'days off' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @ArrayUnique()
  @IsCalendarDate({ each: true })
  holidays?: string[];

  @ApiPropertyOptional({
    type: [CalendarException],
    description: 'single days that differ from the working week',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @ValidateNested({ each: true })
  @Type(() => CalendarException)
  exceptions?: CalendarException[];
}

export class CreateCalendarRequest extends CalendarFields {
  @ApiProperty({ maxLength: 200, example: 'Berlin office' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class UpdateCalendarBody extends CalendarFields {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}

export class UpdateCalendarRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateCalendarBody)
  changes: UpdateCalendarBody;
}

export class ListCalendarsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['name', 'createdAt'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'createdAt'])
  sort?: 'name' | 'createdAt';
}

export class CalendarResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: 'array', items: { type: 'integer' } })
  @IsArray()
  @IsInt({ each: true })
  workingDays: number[];
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsCalendarDate({ each: true })
  holidays: string[];
  @ApiProperty({ type: [CalendarException] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CalendarException)
  exceptions: CalendarException[];
  @ApiProperty({ type: 'integer' }) @IsInt() version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class CalendarPage implements Page<CalendarResponse> {
  @ApiProperty({ type: [CalendarResponse] }) items: CalendarResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CalendarChangeResponse {
  @ApiProperty({ type: CalendarResponse }) calendar: CalendarResponse;
  @ApiProperty({ type: 'integer', description: 'projects on this calendar that were rescheduled' })
  rescheduledProjects: number;
  @ApiProperty({
    type: [ScheduleSummary],
    description:
      "each rescheduled project's summary (new finish date, critical and late tasks, tasks moved), as a task change answers it",
  })
  schedules: ScheduleSummary[];
}

const s = (action: string) => rpcSubject('planning', 'calendar', action);

export const CalendarRpc = {
  calendarCreate: rpc(s('create'), CreateCalendarRequest, CalendarResponse),
  calendarGet: rpc(s('get'), ByIdRequest, CalendarResponse),
  calendarList: rpc(s('list'), ListCalendarsRequest, CalendarPage),
  calendarUpdate: rpc(s('update'), UpdateCalendarRequest, CalendarChangeResponse),
} as const;

export const CalendarEvents = {
  calendarCreated: event(eventSubject('planning', 'calendar', 'created'), 'calendar', CalendarResponse),
  calendarUpdated: event(eventSubject('planning', 'calendar', 'updated'), 'calendar', CalendarResponse),
} as const;
