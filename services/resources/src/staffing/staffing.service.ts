import { ResourcesRpc, type StaffingSearchRequest, type StaffingSearchResponse } from '@baton/contracts';
import { RpcHandler, ValidationFailedError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { holidaysIn } from '../calendar/holidays-in.js';
import { approvedAssignmentsOf, leaveIn } from '../capacity/load-rows.js';
import { dayNumber, groupBy, holidaysByLocation, windowHours, type LoadPerson } from '../capacity/load.js';
import { rankCandidates, type RankPerson } from './rank.js';

/** the longest window a staffing search looks at (two years of days) */
const MAX_WINDOW_DAYS = 731;

/**
 * Skill-based staffing: people of the tenant holding at least one required skill, with their
 * free hours in the task's window (approved assignments across every project count), ranked.
 */
@Injectable()
export class StaffingService {
  constructor(private readonly dataSource: DataSource) {}

  @RpcHandler(ResourcesRpc.staffingSearch)
  async search(req: StaffingSearchRequest, ctx: RpcContext): Promise<StaffingSearchResponse> {
    if (req.endDate < req.startDate)
      throw new ValidationFailedError([
        { field: 'endDate', message: 'endDate must be on or after startDate' },
      ]);
    if (dayNumber(req.endDate) - dayNumber(req.startDate) >= MAX_WINDOW_DAYS) {
      throw new ValidationFailedError([
        { field: 'endDate', message: `the window may span at most ${MAX_WINDOW_DAYS} days` },
      ]);
    }
    const skillIds = req.requiredSkills.map((s) => s.skillId);
    const dup = skillIds.findIndex((id, i) => skillIds.indexOf(id) !== i);
    if (dup >= 0)
      throw new ValidationFailedError([
        { field: `requiredSkills.${dup}.skillId`, message: 'each skill may be listed once' },
      ]);
    const known = new Set(
      (
        await this.dataSource.query<Array<{ id: string }>>(
          `SELECT id FROM resources.skill WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [ctx.tenantId, skillIds],
        )
      ).map((r) => r.id),
    );
    const unknown = skillIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw new ValidationFailedError([
        {
          field: `requiredSkills.${unknown}.skillId`,
          message: `skill ${skillIds[unknown]} is not in the tenant’s catalogue`,
        },
      ]);
    }

    const rows = await this.dataSource.query<
      Array<LoadPerson & { hourlyCost: number | null; skills: Array<{ skillId: string; level: number }> }>
    >(
      `SELECT p.id, p.name, p.department, p.hours_per_day::float8 AS "hoursPerDay", p.working_days AS "workingDays", p.location,
              p.hourly_cost::float8 AS "hourlyCost",
              json_agg(json_build_object('skillId', ps.skill_id, 'level', ps.level)) AS skills
         FROM resources.person p
         JOIN resources.person_skill ps ON ps.tenant_id = p.tenant_id AND ps.person_id = p.id AND ps.skill_id = ANY($2::uuid[])
        WHERE p.tenant_id = $1 AND p.active
        GROUP BY p.id`,
      [ctx.tenantId, skillIds],
    );
    const ids = rows.map((r) => r.id);
    const locations = [...new Set(rows.map((r) => r.location).filter((l): l is string => !!l))];
    const [leave, assignments, holidays] = await Promise.all([
      leaveIn(this.dataSource, ctx.tenantId, ids, req.startDate, req.endDate),
      approvedAssignmentsOf(this.dataSource, ctx.tenantId, ids, req.startDate, req.endDate),
      holidaysIn(this.dataSource, ctx.tenantId, locations, req.startDate, req.endDate),
    ]);
    const offDays = holidaysByLocation(holidays);
    const leaveBy = groupBy(leave, (l) => l.personId);
    const assignmentsBy = groupBy(assignments, (a) => a.personId);
    const people: RankPerson[] = rows.map((r) => {
      const hours = windowHours(
        r,
        leaveBy.get(r.id) ?? [],
        assignmentsBy.get(r.id) ?? [],
        req.startDate,
        req.endDate,
        (r.location && offDays.get(r.location)) || undefined,
      );
      return {
        id: r.id,
        name: r.name,
        department: r.department,
        hourlyCost: r.hourlyCost,
        levels: new Map(r.skills.map((s) => [s.skillId, s.level])),
        ...hours,
      };
    });
    return { candidates: rankCandidates(people, req.requiredSkills, req.units ?? 100, req.limit ?? 20) };
  }
}
