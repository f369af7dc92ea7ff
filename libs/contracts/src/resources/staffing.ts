import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../validation.js';

export class RequiredSkill {
  @ApiProperty({ format: 'uuid' }) @IsUUID() skillId: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel?: number;
}

/**
 * Who could staff a task: people holding at least one required skill, ranked by skill match,
 * availability in the task's window and hourly cost (weights in StaffingWeights).
 */
export class StaffingSearchRequest {
  @ApiProperty({ type: [RequiredSkill], minItems: 1, maxItems: 20 })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequiredSkill)
  requiredSkills: RequiredSkill[];

  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date', description: 'inclusive' }) @IsCalendarDate() endDate: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 100,
    description: 'share of a person’s time the task needs (%)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  units?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** how the score is made: each part is 0–1 */
export const StaffingWeights = { skill: 0.5, availability: 0.35, cost: 0.15 } as const;

export class SkillMatch {
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the person’s level; null when they lack the skill',
  })
  level: number | null;
  @ApiProperty() required: number;
}

export class StaffingCandidate {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty({ description: 'weighted score, 0–1, higher is better' }) score: number;
  @ApiProperty({ description: 'every required skill at or above its level' }) fullyQualified: boolean;
  @ApiProperty({ description: '0–1: mean over required skills of min(1, level ÷ required)' })
  skillScore: number;
  @ApiProperty({ type: [SkillMatch] }) skills: SkillMatch[];
  @ApiProperty({ description: 'working hours free in the window (available − approved allocations)' })
  freeHours: number;
  @ApiProperty({ description: 'hours the task needs from this person: units% of their available hours' })
  neededHours: number;
  @ApiProperty({ description: '0–1: free ÷ needed, capped at 1' }) availabilityScore: number;
  @ApiProperty({ type: Number, nullable: true }) hourlyCost: number | null;
  @ApiProperty({ description: '0–1: cheapest candidate 1, dearest 0; 0.5 when the cost is unknown' })
  costScore: number;
}

export class StaffingSearchResponse {
  @ApiProperty({ type: [StaffingCandidate] }) candidates: StaffingCandidate[];
}
