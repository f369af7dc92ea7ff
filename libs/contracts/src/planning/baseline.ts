import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../validation.js';
import { PageRequest, type Page } from '../pagination.js';
import { ByIdRequest } from '../common.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';

export class CreateBaselineRequest {
  @ApiProperty({ format: 'uuid', description: 'the project (taken from the path)' })
  @IsUUID()
  projectId: string;

  @ApiProperty({ maxLength: 200, example: 'Approved plan', description: 'unique in the project' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class ListBaselinesRequest extends PageRequest {
  @ApiProperty({ format: 'uuid', description: 'the project (taken from the path)' })
  @IsUUID()
  projectId: string;
}

/** A named snapshot of every task's dates and duration; also the payload of planning.baseline.saved. */
export class BaselineResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ type: 'integer' }) @IsInt() taskCount: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  finishDate: string | null;
  @ApiProperty({ description: 'who saved it' }) @IsString() createdBy: string;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
}

export class BaselinePage implements Page<BaselineResponse> {
  @ApiProperty({ type: [BaselineResponse] }) items: BaselineResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

const s = (action: string) => rpcSubject('planning', 'baseline', action);

export const BaselineRpc = {
  baselineCreate: rpc(s('create'), CreateBaselineRequest, BaselineResponse),
  baselineGet: rpc(s('get'), ByIdRequest, BaselineResponse),
  baselineList: rpc(s('list'), ListBaselinesRequest, BaselinePage),
} as const;

export const BaselineEvents = {
  baselineSaved: event(eventSubject('planning', 'baseline', 'saved'), 'baseline', BaselineResponse),
} as const;
