import { NotFoundError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_CALENDAR, TimelineCache, type CalendarRules, type Timeline } from './timeline.js';

export interface TimelineKey {
  tenant_id: string;
  calendar_id: string | null;
  start_date: string;
}

/** The timeline of a project: its calendar (default Mon–Fri) from its start date, cached per calendar version. */
@Injectable()
export class ProjectTimelines {
  private readonly cache = new TimelineCache();

  async of(m: EntityManager, p: TimelineKey): Promise<Timeline> {
    if (!p.calendar_id) return this.cache.get('default', p.start_date, () => DEFAULT_CALENDAR);
    const rows = (await m.query(`SELECT version FROM planning.calendar WHERE tenant_id = $1 AND id = $2`, [
      p.tenant_id,
      p.calendar_id,
    ])) as {
      version: number;
    }[];
    if (!rows[0]) throw new NotFoundError('calendar', p.calendar_id);
    return this.cache.get(`${p.calendar_id}@${rows[0].version}`, p.start_date, async () => {
      const r = (await m.query(
        `SELECT working_days AS "workingDays", ARRAY(SELECT d::text FROM unnest(holidays) d) AS holidays, exceptions
         FROM planning.calendar WHERE id = $1`,
        [p.calendar_id],
      )) as CalendarRules[];
      return r[0]!;
    });
  }
}
