import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IntegerParam, IsCalendarDate } from '../validation.js';

export const LoadScopes = ['person', 'team', 'department', 'skill'] as const;
export type LoadScope = (typeof LoadScopes)[number];
export const MAX_LOAD_WEEKS = 53;

/**
 * Allocated versus available hours per person and ISO week (Monday to Sunday), across every
 * project of the tenant. Available = working days (the person's week, minus leave) × hours per
 * day; allocated = approved assignments' units × the person's hours on each working day they cover.
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

  @ApiProperty({ format: 'date', description: 'a Monday: the first week shown' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LOAD_WEEKS, default: 12 })
  @IsOptional()
  @IntegerParam()
  @IsInt()
  @Min(1)
  @Max(MAX_LOAD_WEEKS)
  weeks?: number;
}

export class LoadCause {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId: string | null;
  @ApiProperty() hours: number;
}

export class WeekLoad {
  @ApiProperty({ format: 'date', description: 'Monday of the ISO week' }) weekStart: string;
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
  @ApiProperty({ type: [WeekLoad] }) weeks: WeekLoad[];
}

export class LoadTotals {
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty() availableHours: number;
  @ApiProperty() allocatedHours: number;
  @ApiProperty() overAllocatedPeople: number;
}

export class LoadResponse {
  @ApiProperty({ enum: LoadScopes }) scope: LoadScope;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty() weeks: number;
  @ApiProperty({ type: [PersonLoad] }) people: PersonLoad[];
  @ApiProperty({ type: [LoadTotals], description: 'per week, summed over the people shown' })
  totals: LoadTotals[];
}
