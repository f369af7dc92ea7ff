import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';

/**
 * Objects that belong to exactly one project but are addressed by their own id
 * (`/tasks/{id}`, `/sprints/{id}`, …), by the service that owns them. The gateway asks the owner
 * "which project is this in?" (`…resource.project-of`) so that roles assigned for that project
 * count on those routes. None of them can move to another project once created.
 */
export const PlanningProjectResourceKinds = [
  'task',
  /** a dependency belongs to its successor's project (it is created on the successor task) */
  'dependency',
  'baseline',
  'sprint',
  'backlog-item',
  'change-request',
] as const;
export type PlanningProjectResourceKind = (typeof PlanningProjectResourceKinds)[number];

export const ResourcesProjectResourceKinds = ['leveling-run', 'assignment'] as const;
export type ResourcesProjectResourceKind = (typeof ResourcesProjectResourceKinds)[number];

export type ProjectResourceKind = PlanningProjectResourceKind | ResourcesProjectResourceKind;

/** `baton.v1.planning.resource.project-of`: the project of one planning object of the tenant */
export class PlanningResourceProjectRequest {
  @ApiProperty({ enum: PlanningProjectResourceKinds })
  @IsIn(PlanningProjectResourceKinds)
  kind: PlanningProjectResourceKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** `baton.v1.resources.resource.project-of`: the project of one resources object of the tenant */
export class ResourcesResourceProjectRequest {
  @ApiProperty({ enum: ResourcesProjectResourceKinds })
  @IsIn(ResourcesProjectResourceKinds)
  kind: ResourcesProjectResourceKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** the object's project; an object of another tenant, or none, is NOT_FOUND */
export class ResourceProjectResponse {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;
}
