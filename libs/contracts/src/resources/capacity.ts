import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IntegerParam, IsCalendarDate } from '../validation.js';

export const LoadScopes = ['person', 'team', 'department', 'skill'] as const;
export type LoadScope = (typeof LoadScopes)[number];
export const LoadGranularities = ['day', 'week', 'month'] as const;
export type LoadGranularity = (typeof LoadGranularities)[number];
/** per granularity: the default and the largest number of periods in one view */
export const LoadPeriods: Record<LoadGranularity, { default: number; max: number }> = {
  day: { default: 14, max: 93 },
  week: { default: 12, max: 53 },
  month: { default: 6, max: 24 },
};

/**
 * Allocated versus available hours per person and period (day, ISO week Monday to Sunday, or
 * calendar month), across every project of the tenant. Available = working days (the person's
 * week minus public holidays of their location, minus leave) × hours per day; allocated =
 * approved assignments' units × the person's hours on each working day they cover.
 */
export class LoadRequest {
  @ApiProperty({ enum: LoadScopes }) @IsIn(LoadScopes) scope: LoadScope;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'scope=person: the person; scope=team: the team; scope=skill: the skill',
  })
  @ValidateIf((o: LoadRequest) => o.scope !== 'department')
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'scope=department: the department name' })
  @ValidateIf((o: LoadRequest) => o.scope === 'department')
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ enum: LoadGranularities, default: 'week' })
  @IsOptional()
  @IsIn(LoadGranularities)
  granularity?: LoadGranularity;

  @ApiProperty({
    format: 'date',
    description: 'the first period: any day (granularity=day), a Monday (week) or the 1st of a month (month)',
  })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 93,
    description: 'how many periods: day 1–93 (default 14), week 1–53 (default 12), month 1–24 (default 6)',
  })
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(93)
  periods?: number;
}

export class LoadCause {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId: string | null;
  @ApiProperty() hours: number;
}

export class PeriodLoad {
  @ApiProperty({ format: 'date', description: 'first day of the period' }) start: string;
  @ApiProperty({ format: 'date', description: 'last day of the period (inclusive)' }) end: string;
  @ApiProperty() availableHours: number;
  @ApiProperty() allocatedHours: number;
  @ApiProperty({ description: 'allocated ÷ available (0 when nothing is available)' }) utilisation: number;
  @ApiProperty() overAllocated: boolean;
  @ApiProperty({
    type: [LoadCause],
    description: 'the assignments that make up the load (listed when over-allocated)',
  })
  causes: LoadCause[];
}

export class PersonLoad {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty({ type: [PeriodLoad] }) periods: PeriodLoad[];
}

export class LoadTotals {
  @ApiProperty({ format: 'date' }) start: string;
  @ApiProperty() availableHours: number;
  @ApiProperty() allocatedHours: number;
  @ApiProperty() overAllocatedPeople: number;
}

export class LoadResponse {
  @ApiProperty({ enum: LoadScopes }) scope: LoadScope;
  @ApiProperty({ enum: LoadGranularities }) granularity: LoadGranularity;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date', description: 'last day shown (inclusive)' }) to: string;
  @ApiProperty({ type: [PersonLoad] }) people: PersonLoad[];
  @ApiProperty({ type: [LoadTotals], description: 'per period, summed over the people shown' })
  totals: LoadTotals[];
}
