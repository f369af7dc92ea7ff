import {
  LoadPeriods,
  ResourcesRpc,
  type LoadGranularity,
  type LoadRequest,
  type LoadResponse,
} from '@baton/contracts';
import { NotFoundError, RpcHandler, ValidationFailedError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { holidaysIn } from '../calendar/holidays-in.js';
import { approvedAssignmentsOf, leaveIn } from './load-rows.js';
import { computeLoad, isMonday, periodBounds, type LoadPerson } from './load.js';

/** the most people one load view may cover (a department or a skill across the tenant) */
export const MAX_LOAD_PEOPLE = 2000;

/**
 * Capacity and load across every project of the tenant: three lean queries (people in scope,
 * their leave and their approved assignments overlapping the window), then pure arithmetic.
 */
@Injectable()
export class CapacityService {
  constructor(private readonly dataSource: DataSource) {}

  @RpcHandler(ResourcesRpc.load)
  async load(req: LoadRequest, ctx: RpcContext): Promise<LoadResponse> {
    const granularity = req.granularity ?? 'week';
    const periods = req.periods ?? LoadPeriods[granularity].default;
    checkPeriods(req.from, granularity, periods);
    const bounds = periodBounds(req.from, granularity, periods);
    const to = bounds[bounds.length - 1]!.end;
    const people = await this.peopleInScope(req, ctx.tenantId);
    if (people.length > MAX_LOAD_PEOPLE) {
      throw new ValidationFailedError([
        { field: 'scope', message: `the view covers ${people.length} people; at most ${MAX_LOAD_PEOPLE}` },
      ]);
    }
    const ids = people.map((p) => p.id);
    const locations = [...new Set(people.map((p) => p.location).filter((l): l is string => !!l))];
    const [leave, assignments, holidays] = await Promise.all([
      leaveIn(this.dataSource, ctx.tenantId, ids, req.from, to),
      approvedAssignmentsOf(this.dataSource, ctx.tenantId, ids, req.from, to),
      holidaysIn(this.dataSource, ctx.tenantId, locations, req.from, to),
    ]);
    const { people: rows, totals } = computeLoad({ bounds, people, leave, assignments, holidays });
    return { scope: req.scope, granularity, from: req.from, to, people: rows, totals };
  }

  private async peopleInScope(req: LoadRequest, tenantId: string): Promise<LoadPerson[]> {
    const select = `SELECT p.id, p.name, p.department, p.hours_per_day::float8 AS "hoursPerDay", p.working_days AS "workingDays",
                           p.location
                      FROM resources.person p`;
    if (req.scope === 'person') {
      const rows = await this.dataSource.query<LoadPerson[]>(
        `${select} WHERE p.tenant_id = $1 AND p.id = $2`,
        [tenantId, req.id],
      );
      if (rows.length === 0) throw new NotFoundError('person', req.id!);
      return rows;
    }
    if (req.scope === 'team') {
      const team = await this.dataSource.query(
        `SELECT 1 FROM resources.team WHERE tenant_id = $1 AND id = $2`,
        [tenantId, req.id],
      );
      if (team.length === 0) throw new NotFoundError('team', req.id!);
      return this.dataSource.query<LoadPerson[]>(
        `${select} JOIN resources.team_member m ON m.tenant_id = p.tenant_id AND m.person_id = p.id
          WHERE p.tenant_id = $1 AND m.team_id = $2 AND p.active ORDER BY p.name, p.id`,
        [tenantId, req.id],
      );
    }
    if (req.scope === 'department') {
      return this.dataSource.query<LoadPerson[]>(
        `${select} WHERE p.tenant_id = $1 AND p.department = $2 AND p.active ORDER BY p.name, p.id`,
        [tenantId, req.department],
      );
    }
    const skill = await this.dataSource.query(
      `SELECT 1 FROM resources.skill WHERE tenant_id = $1 AND id = $2`,
      [tenantId, req.id],
    );
    if (skill.length === 0) throw new NotFoundError('skill', req.id!);
    return this.dataSource.query<LoadPerson[]>(
      `${select} JOIN resources.person_skill ps ON ps.tenant_id = p.tenant_id AND ps.person_id = p.id
        WHERE p.tenant_id = $1 AND ps.skill_id = $2 AND p.active ORDER BY p.name, p.id`,
      [tenantId, req.id],
    );
  }
}

function checkPeriods(from: string, granularity: LoadGranularity, periods: number): void {
  if (granularity === 'week' && !isMonday(from)) {
    throw new ValidationFailedError([
      { field: 'from', message: 'from must be a Monday for granularity=week (ISO weeks)' },
    ]);
  }
  if (granularity === 'month' && !from.endsWith('-01')) {
    throw new ValidationFailedError([
      { field: 'from', message: 'from must be the 1st of a month for granularity=month' },
    ]);
  }
  const { max } = LoadPeriods[granularity];
  if (periods > max)
    throw new ValidationFailedError([
      { field: 'periods', message: `at most ${max} periods for granularity=${granularity}` },
    ]);
}
