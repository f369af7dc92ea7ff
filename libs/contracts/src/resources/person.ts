import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
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
import { PageRequest, type Page } from '../pagination.js';
import { BooleanFlag, IntegerParam, IsCalendarDate } from '../validation.js';

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const IsoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** A skill a person holds: proficiency 1 (aware) … 5 (expert), optionally certified. */
export class PersonSkillInput {
  @ApiProperty({ format: 'uuid', description: 'a skill of the tenant’s catalogue' })
  @IsUUID()
  skillId: string;

  @ApiProperty({
    minimum: 1,
    maximum: 5,
    description: '1 aware, 2 beginner, 3 practitioner, 4 advanced, 5 expert',
  })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;

  @ApiPropertyOptional({ maxLength: 200, example: 'PMP' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'the certificate’s expiry' })
  @IsOptional()
  @IsCalendarDate()
  certifiedUntil?: string;
}

export class PersonSkillResponse extends PersonSkillInput {
  @ApiProperty() @IsString() skillName: string;
}

/** Fields shared by create and change. */
class PersonFields {
  @ApiPropertyOptional({ maxLength: 100, example: 'Business analyst' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  jobRole?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Finance IT' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'the line manager (a person of the tenant)',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  lineManagerId?: string | null;

  @ApiPropertyOptional({ maxLength: 64, description: 'the rate card entry budget prices this person with' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  costRateRef?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    description:
      'standard cost per hour in the tenant currency, for staffing comparisons (budget’s rate card stays authoritative)',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100000)
  hourlyCost?: number | null;

  @ApiPropertyOptional({
    minimum: 0.5,
    maximum: 24,
    default: 8,
    description: 'working hours per working day (part-time: fewer)',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.5)
  @Max(24)
  hoursPerDay?: number;

  @ApiPropertyOptional({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays worked (1 = Monday)',
  })
  @IsOptional()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsIn(IsoWeekdays, { each: true })
  workingDays?: number[];

  @ApiPropertyOptional({ maxLength: 64, example: 'DE-BY', description: 'work location (public holidays)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  location?: string;

  @ApiPropertyOptional({ type: [PersonSkillInput] })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PersonSkillInput)
  skills?: PersonSkillInput[];
}

export class CreatePersonRequest extends PersonFields {
  @ApiProperty({ maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ada@example.com', description: 'unique in the tenant' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class UpdatePersonBody extends PersonFields {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'false: left the organisation (kept for history)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdatePersonRequest {
  @IsUUID() id: string;
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ValidateNested() @Type(() => UpdatePersonBody) changes: UpdatePersonBody;
}

export class ListPeopleRequest extends PageRequest {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) department?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'people holding this skill' })
  @IsOptional()
  @IsUUID()
  skillId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'direct reports of this line manager' })
  @IsOptional()
  @IsUUID()
  lineManagerId?: string;
  @ApiPropertyOptional({ description: 'case-insensitive substring of name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @BooleanFlag()
  @IsBoolean()
  includeInactive?: boolean;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) jobRole: string | null;
  @ApiProperty({ type: String, nullable: true }) department: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) lineManagerId: string | null;
  @ApiProperty({ type: String, nullable: true }) costRateRef: string | null;
  @ApiProperty({ type: Number, nullable: true }) hourlyCost: number | null;
  @ApiProperty() hoursPerDay: number;
  @ApiProperty({ type: [Number] }) workingDays: number[];
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: [PersonSkillResponse] }) skills: PersonSkillResponse[];
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PersonPage implements Page<PersonResponse> {
  @ApiProperty({ type: [PersonResponse] }) items: PersonResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** The tenant's skill catalogue. */
export class CreateSkillRequest {
  @ApiProperty({ maxLength: 100, example: 'SAP FI' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
}

export class SkillResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class SkillList {
  @ApiProperty({ type: [SkillResponse] }) items: SkillResponse[];
}

export const LeaveKinds = ['vacation', 'sick', 'public-holiday', 'training', 'other'] as const;
export type LeaveKind = (typeof LeaveKinds)[number];

/** Time off: whole days from startDate to endDate inclusive. */
export class AddLeaveRequest {
  @IsUUID() personId: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ format: 'date', description: 'inclusive; on or after startDate' })
  @IsCalendarDate()
  endDate: string;
  @ApiProperty({ enum: LeaveKinds }) @IsIn(LeaveKinds) kind: LeaveKind;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class LeaveResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: LeaveKinds }) kind: LeaveKind;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class LeaveList {
  @ApiProperty({ type: [LeaveResponse] }) items: LeaveResponse[];
}

export class PersonLeaveRequest {
  @IsUUID() personId: string;
}

export class RemoveLeaveRequest {
  @IsUUID() personId: string;
  @IsUUID() id: string;
}

/** the small catalogues (skills, teams, assets, vendors) are listed whole, optionally filtered by name */
export class NameFilterRequest {
  @ApiPropertyOptional({ maxLength: 200, description: 'case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** payload of resources.person.* events */
export class PersonEvent {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsOptional() @IsString() department: string | null;
  @IsOptional() @IsUUID() lineManagerId: string | null;
  @IsBoolean() active: boolean;
  @IsInt() version: number;
}

/** payload of resources.leave.* events */
export class LeaveEvent {
  @IsUUID() id: string;
  @IsUUID() personId: string;
  @IsCalendarDate() startDate: string;
  @IsCalendarDate() endDate: string;
  @IsIn(LeaveKinds) kind: LeaveKind;
}

/** payload of resources.skill.created */
export class SkillEvent {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class HolidayInput {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() date: string;
  @ApiProperty({ maxLength: 200, example: 'New Year’s Day' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class PutHolidaysBody {
  @ApiProperty({ type: [HolidayInput], description: 'replaces every holiday of that location and year' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => HolidayInput)
  holidays: HolidayInput[];
}

const LOCATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class HolidaysKey {
  @ApiProperty({ example: 'DE-BY', description: 'a work location code (people carry it as `location`)' })
  @IsString()
  @Matches(LOCATION, { message: 'location must be 1-64 letters, digits, dots, dashes or underscores' })
  location: string;

  @ApiProperty({ minimum: 2000, maximum: 2100 }) @IntegerParam() @IsInt() @Min(2000) @Max(2100) year: number;
}

export class PutHolidaysRequest extends HolidaysKey {
  @ValidateNested() @Type(() => PutHolidaysBody) body: PutHolidaysBody;
}

export class HolidayList {
  @ApiProperty() location: string;
  @ApiProperty() year: number;
  @ApiProperty({ type: [HolidayInput] }) holidays: HolidayInput[];
}

/** payload of resources.holidays.replaced */
export class HolidaysReplaced {
  @IsString() location: string;
  @IsInt() year: number;
  @IsInt() count: number;
}
