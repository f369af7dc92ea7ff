import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
} from 'class-validator';
import { type Page } from '../pagination.js';
import { IsCalendarDate } from '../validation.js';
import { event, eventSubject, rpc, rpcSubject } from '../contract.js';

export * from './task-requests.js';
import {
  type ConstraintType,
  ConstraintTypes,
  CreateTaskRequest,
  DeleteTaskRequest,
  GetTaskRequest,
  ListTasksRequest,
  MoveTaskRequest,
  type TaskKind,
  TaskKinds,
  UpdateTaskRequest,
} from './task-requests.js';

/** Working-day differences, current minus baseline: positive = later / longer. */
export class TaskVariance {
  @ApiProperty({ description: 'the baseline compared with' }) baseline: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) baselineStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) baselineFinish: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) baselineDuration: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'working days; null when the task is not in the baseline',
  })
  start: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) finish: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) duration: number | null;
}

/** A task as the API returns it, with its computed schedule; also the payload of planning.task.* events. */
export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId: string | null;
  @ApiProperty({ example: '1.2.3', description: 'kept up to date on insert, move and delete' })
  @IsString()
  wbsCode: string;
  @ApiProperty({ type: 'integer' }) @IsInt() level: number;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({
    enum: TaskKinds,
    description: 'summary: has children (dates roll up); milestone: duration 0',
  })
  @IsIn(TaskKinds)
  kind: TaskKind;
  @ApiProperty({ type: 'integer', description: 'working days (for a summary: rolled up from its children)' })
  @IsInt()
  duration: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'hours (for a summary: the sum of its children)',
  })
  @IsOptional()
  @IsNumber()
  effort: number | null;
  @ApiProperty({ enum: ConstraintTypes, nullable: true })
  @IsOptional()
  @IsIn(ConstraintTypes)
  constraintType: ConstraintType | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  constraintDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  deadline: string | null;
  @ApiProperty({ type: 'integer', description: 'for a summary: duration-weighted from its children' })
  @IsInt()
  percentComplete: number;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  actualFinish: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  remainingDuration: number | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'early start (first working day)',
  })
  @IsOptional()
  @IsCalendarDate()
  start: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'early finish (last working day; a milestone: its day)',
  })
  @IsOptional()
  @IsCalendarDate()
  finish: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  lateStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  lateFinish: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'working days; negative: a deadline or constraint is missed',
  })
  @IsOptional()
  @IsInt()
  totalFloat: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  freeFloat: number | null;
  @ApiProperty() @IsBoolean() critical: boolean;
  @ApiProperty({ description: 'finishes after its deadline or the project deadline' })
  @IsBoolean()
  late: boolean;
  @ApiPropertyOptional({ type: TaskVariance, description: 'with ?baseline= only' })
  @IsOptional()
  @IsObject()
  variance?: TaskVariance;
  @ApiProperty({
    type: 'integer',
    description: "optimistic-concurrency version of the task's own fields; also the ETag",
  })
  @IsInt()
  version: number;
  @ApiProperty({ format: 'date-time' }) @IsString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsString() updatedAt: string;
}

export class TaskPage implements Page<TaskResponse> {
  @ApiProperty({ type: [TaskResponse] }) items: TaskResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** What a change did to the project's schedule; in every change response and in planning.schedule.recomputed. */
export class ScheduleSummary {
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startDate: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "the project's early finish (last working day)",
  })
  @IsOptional()
  @IsCalendarDate()
  finishDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  deadline: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  statusDate: string | null;
  @ApiProperty({ type: 'integer' }) @IsInt() taskCount: number;
  @ApiProperty({ type: 'integer' }) @IsInt() criticalTaskCount: number;
  @ApiProperty({
    type: 'integer',
    description:
      'tasks whose computed schedule (working-day offsets from the project start) this change moved; a calendar change moves dates without moving offsets, so it counts 0 there',
  })
  @IsInt()
  changedTaskCount: number;
  @ApiProperty({ type: 'integer', description: 'tasks past their deadline' }) @IsInt() lateTaskCount: number;
  @ApiProperty({ description: 'the project finishes after its deadline, or a task is late' })
  @IsBoolean()
  late: boolean;
  @ApiProperty({
    type: [String],
    description: 'other projects rescheduled through cross-project dependencies',
  })
  @IsArray()
  @IsUUID('all', { each: true })
  linkedProjectIds: string[];
  @ApiProperty({ format: 'date-time' }) @IsString() computedAt: string;
}

export class TaskChangeResponse {
  @ApiProperty({ type: TaskResponse }) task: TaskResponse;
  @ApiProperty({ type: ScheduleSummary }) schedule: ScheduleSummary;
}

export class TaskDeletedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'the task and its descendants' }) deletedCount: number;
  @ApiProperty({ type: ScheduleSummary }) schedule: ScheduleSummary;
}

/** planning.task.deleted */
export class TaskDeletedEvent {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty() @IsString() wbsCode: string;
  @ApiProperty() @IsString() name: string;
}

/** planning.milestone.achieved | planning.milestone.missed */
export class MilestoneEvent {
  @ApiProperty({ format: 'uuid' }) @IsUUID() taskId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() projectId: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty() @IsString() wbsCode: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  date: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  deadline: string | null;
  @ApiProperty({ enum: ['achieved', 'deadline-missed', 'status-date-passed'] })
  @IsIn(['achieved', 'deadline-missed', 'status-date-passed'])
  reason: 'achieved' | 'deadline-missed' | 'status-date-passed';
}

const s = (action: string) => rpcSubject('planning', 'task', action);

export const TaskRpc = {
  taskCreate: rpc(s('create'), CreateTaskRequest, TaskChangeResponse),
  taskGet: rpc(s('get'), GetTaskRequest, TaskResponse),
  taskList: rpc(s('list'), ListTasksRequest, TaskPage),
  taskUpdate: rpc(s('update'), UpdateTaskRequest, TaskChangeResponse),
  taskMove: rpc(s('move'), MoveTaskRequest, TaskChangeResponse),
  taskDelete: rpc(s('delete'), DeleteTaskRequest, TaskDeletedResponse),
} as const;

export const TaskEvents = {
  taskCreated: event(eventSubject('planning', 'task', 'created'), 'task', TaskResponse),
  taskUpdated: event(eventSubject('planning', 'task', 'updated'), 'task', TaskResponse),
  taskDeleted: event(eventSubject('planning', 'task', 'deleted'), 'task', TaskDeletedEvent),
  milestoneAchieved: event(eventSubject('planning', 'milestone', 'achieved'), 'task', MilestoneEvent),
  milestoneMissed: event(eventSubject('planning', 'milestone', 'missed'), 'task', MilestoneEvent),
} as const;
