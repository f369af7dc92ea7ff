import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ByIdRequest } from '../common.js';
import { rpc, rpcSubject } from '../contract.js';
import { PageRequest, type Page } from '../pagination.js';
import { ProjectStatuses, type ProjectStatus } from '../planning/project.js';
import { CommaList } from '../validation.js';

/** One project as reporting's read model knows it, built only from planning's events. */
export class ProjectViewResponse {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) portfolioId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programmeId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) code: string | null;
  @ApiProperty({ enum: ProjectStatuses }) status: ProjectStatus;
  @ApiProperty() archived: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) targetDate: string | null;
  @ApiProperty({ type: 'integer', description: 'the project version the view reflects' }) version: number;
  @ApiProperty({ type: 'integer', description: 'how many planning events were applied to this row' }) eventsApplied: number;
  @ApiProperty({ format: 'uuid' }) lastEventId: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ListProjectViewsRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'comma-separated statuses', type: String })
  @IsOptional()
  @CommaList()
  @IsIn(ProjectStatuses, { each: true })
  status?: ProjectStatus[];
}

export class ProjectViewPage implements Page<ProjectViewResponse> {
  @ApiProperty({ type: [ProjectViewResponse] }) items: ProjectViewResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

const s = (entity: string, action: string) => rpcSubject('reporting', entity, action);

export const ReportingRpc = {
  projectViewGet: rpc(s('project-view', 'get'), ByIdRequest, ProjectViewResponse),
  projectViewList: rpc(s('project-view', 'list'), ListProjectViewsRequest, ProjectViewPage),
} as const;
