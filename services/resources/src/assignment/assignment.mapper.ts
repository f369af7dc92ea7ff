import type { AssignmentEvent, AssignmentResponse } from '@baton/contracts';
import type { AssignmentEntity } from './assignment.entity.js';

export function toAssignmentResponse(a: AssignmentEntity): AssignmentResponse {
  return {
    id: a.id,
    personId: a.personId,
    teamId: a.teamId,
    projectId: a.projectId,
    taskId: a.taskId,
    hours: a.hours,
    startDate: a.startDate,
    endDate: a.endDate,
    units: a.units,
    status: a.status,
    note: a.note,
    requestedBy: a.requestedBy,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
    decisionComment: a.decisionComment,
    proposedUnits: a.proposedUnits,
    proposedStartDate: a.proposedStartDate,
    proposedEndDate: a.proposedEndDate,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toAssignmentEvent(a: AssignmentEntity): AssignmentEvent {
  return {
    id: a.id,
    personId: a.personId,
    teamId: a.teamId,
    projectId: a.projectId,
    taskId: a.taskId,
    startDate: a.startDate,
    endDate: a.endDate,
    units: a.units,
    status: a.status,
  };
}
