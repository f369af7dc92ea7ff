import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageRequest, type Page } from '../pagination.js';
import { ScheduleSummary } from './task.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';

export const DependencyTypes = ['FS', 'SS', 'FF', 'SF'] as const;
/** FS finish-to-start, SS start-to-start, FF finish-to-finish, SF start-to-finish */
export type DependencyType = (typeof DependencyTypes)[number];

const MAX_LAG = 5_000;

export class CreateDependencyRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'the task that comes first (may be in another project of the same portfolio)',
  })
  @IsUUID()
  predecessorId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  successorId: string;

  @ApiPropertyOptional({ enum: DependencyTypes, default: 'FS' })
  @IsOptional()
  @IsIn(DependencyTypes)
  type?: DependencyType;

  @ApiPropertyOptional({ type: 'integer', default: 0, description: 'working days; negative is a lead' })
  @IsOptional()
  @IsInt()
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class UpdateDependencyBody {
  @ApiPropertyOptional({ enum: DependencyTypes })
  @IsOptional()
  @IsIn(DependencyTypes)
  type?: DependencyType;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(-MAX_LAG)
  @Max(MAX_LAG)
  lag?: number;
}

export class UpdateDependencyRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ValidateNested()
  @Type(() => UpdateDependencyBody)
  changes: UpdateDependencyBody;
}

export class DeleteDependencyRequest {
  @IsUUID()
  id: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ListDependenciesRequest extends PageRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'the project (taken from the path): dependencies into or out of its tasks',
  })
  @IsUUID()
  projectId: string;
}

export class DependencyResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() predecessorId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() predecessorProjectId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() successorId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() successorProjectId: string;
  @ApiProperty({ enum: DependencyTypes }) @IsIn(DependencyTypes) type: DependencyType;
  @ApiProperty({ type: 'integer' }) @IsInt() lag: number;
  @ApiProperty({ description: 'between tasks of two projects (of one portfolio)' })
  @IsBoolean()
  crossProject: boolean;
  @ApiProperty({ type: 'integer' }) @IsInt() version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class DependencyPage implements Page<DependencyResponse> {
  @ApiProperty({ type: [DependencyResponse] }) items: DependencyResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class DependencyChangeResponse {
  @ApiProperty({ type: DependencyResponse }) dependency: DependencyResponse;
  @ApiProperty({ type: ScheduleSummary, description: "the successor's project, rescheduled" })
  schedule: ScheduleSummary;
}

export class DependencyDeletedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ScheduleSummary }) schedule: ScheduleSummary;
}

const s = (action: string) => rpcSubject('planning', 'dependency', action);
const e = (verb: string) => eventSubject('planning', 'dependency', verb);

export const DependencyRpc = {
  dependencyCreate: rpc(s('create'), CreateDependencyRequest, DependencyChangeResponse),
  dependencyList: rpc(s('list'), ListDependenciesRequest, DependencyPage),
  dependencyUpdate: rpc(s('update'), UpdateDependencyRequest, DependencyChangeResponse),
  dependencyDelete: rpc(s('delete'), DeleteDependencyRequest, DependencyDeletedResponse),
} as const;

export const DependencyEvents = {
  dependencyCreated: event(e('created'), 'dependency', DependencyResponse),
  dependencyUpdated: event(e('updated'), 'dependency', DependencyResponse),
  dependencyDeleted: event(e('deleted'), 'dependency', DependencyResponse),
} as const;
