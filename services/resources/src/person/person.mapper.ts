import type {
  LeaveResponse,
  PersonEvent,
  PersonResponse,
  PersonSkillResponse,
  SkillResponse,
} from '@baton/contracts';
import type { LeaveEntity, PersonEntity, SkillEntity } from './person.entity.js';

export function toPersonResponse(p: PersonEntity, skills: PersonSkillResponse[]): PersonResponse {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    jobRole: p.jobRole,
    department: p.department,
    lineManagerId: p.lineManagerId,
    costRateRef: p.costRateRef,
    hourlyCost: p.hourlyCost,
    hoursPerDay: p.hoursPerDay,
    workingDays: [...p.workingDays].sort((a, b) => a - b),
    location: p.location,
    skills,
    active: p.active,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toPersonEvent(p: PersonEntity): PersonEvent {
  return {
    id: p.id,
    name: p.name,
    department: p.department,
    lineManagerId: p.lineManagerId,
    active: p.active,
    version: p.version,
  };
}

export const toSkillResponse = (s: SkillEntity): SkillResponse => ({
  id: s.id,
  name: s.name,
  description: s.description,
});

export function toLeaveResponse(l: LeaveEntity): LeaveResponse {
  return {
    id: l.id,
    personId: l.personId,
    startDate: l.startDate,
    endDate: l.endDate,
    kind: l.kind as LeaveResponse['kind'],
    note: l.note,
  };
}
