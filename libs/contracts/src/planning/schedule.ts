import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageRequest } from '../pagination.js';
import { BooleanFlag, IsCalendarDate } from '../validation.js';
import { ScheduleSummary, TaskResponse } from './task.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';

const nullable = () => ValidateIf((_, v) => v !== null && v !== undefined);

export class GetScheduleRequest extends PageRequest {
  @ApiProperty({ format: 'uuid', description: 'the project (taken from the path)' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({
    description: 'a baseline of the project, by name or id: adds variance to each task',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  baseline?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'only the critical path: critical work tasks in early-start order',
  })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  criticalOnly?: boolean;
}

/** PATCH /projects/{id}/schedule: what the schedule is computed from (null clears). */
export class ScheduleSettingsBody {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: the default Mon–Fri calendar',
  })
  @nullable()
  @IsUUID()
  calendarId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'progress is as of this day; work left starts from it',
  })
  @nullable()
  @IsCalendarDate()
  statusDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'the project must finish by this day',
  })
  @nullable()
  @IsCalendarDate()
  deadline?: string | null;
}

export class UpdateScheduleSettingsRequest extends ScheduleSettingsBody {
  @IsUUID()
  projectId: string;
}

export class ScheduleCalendarRef {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id: string | null;
  @ApiProperty() name: string;
}

/** The project's schedule: its summary, then a page of tasks (early/late dates, floats, critical flag). */
export class ScheduleResponse {
  @ApiProperty({ type: ScheduleSummary }) summary: ScheduleSummary;
  @ApiProperty({ type: ScheduleCalendarRef }) calendar: ScheduleCalendarRef;
  @ApiProperty({ type: [TaskResponse], description: 'in early-start order' }) items: TaskResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** planning.schedule.recomputed */
export class ScheduleRecomputedEvent extends ScheduleSummary {
  @ApiProperty({ description: 'what triggered it, e.g. task.update' }) @IsString() cause: string;
}

export const ScheduleRpc = {
  scheduleGet: rpc(rpcSubject('planning', 'schedule', 'get'), GetScheduleRequest, ScheduleResponse),
  scheduleUpdateSettings: rpc(
    rpcSubject('planning', 'schedule', 'settings'),
    UpdateScheduleSettingsRequest,
    ScheduleSummary,
  ),
} as const;

export const ScheduleEvents = {
  scheduleRecomputed: event(
    eventSubject('planning', 'schedule', 'recomputed'),
    'project',
    ScheduleRecomputedEvent,
  ),
} as const;
