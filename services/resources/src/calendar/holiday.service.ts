import {
  ResourcesEvents,
  ResourcesRpc,
  type HolidayInput,
  type HolidayList,
  type HolidaysKey,
  type PutHolidaysRequest,
} from '@baton/contracts';
import { RpcHandler, UnitOfWork, ValidationFailedError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Between, DataSource } from 'typeorm';
import { PublicHolidayEntity } from '../person/person.entity.js';

/**
 * Public holidays per work location and year. A holiday is a non-working day for everyone whose
 * `location` matches: it lowers availability and no assignment takes hours on it (unlike
 * personal leave, which lowers availability only, so that clashing assignments show up).
 */
@Injectable()
export class HolidayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  @RpcHandler(ResourcesRpc.holidaysPut)
  put(req: PutHolidaysRequest, ctx: RpcContext): Promise<HolidayList> {
    const seen = new Set<string>();
    req.body.holidays.forEach((h, i) => {
      if (!h.date.startsWith(`${req.year}-`)) {
        throw new ValidationFailedError([
          { field: `holidays.${i}.date`, message: `${h.date} is not in ${req.year}` },
        ]);
      }
      if (seen.has(h.date))
        throw new ValidationFailedError([
          { field: `holidays.${i}.date`, message: `${h.date} is listed twice` },
        ]);
      seen.add(h.date);
    });
    return this.uow.run(async (tx) => {
      await tx.manager.query(
        `DELETE FROM resources.public_holiday WHERE tenant_id = $1 AND location = $2 AND date BETWEEN $3 AND $4`,
        [ctx.tenantId, req.location, `${req.year}-01-01`, `${req.year}-12-31`],
      );
      const rows = req.body.holidays.map((h) =>
        Object.assign(new PublicHolidayEntity(), { tenantId: ctx.tenantId, location: req.location, ...h }),
      );
      if (rows.length) await tx.manager.insert(PublicHolidayEntity, rows);
      // the aggregate is (tenant, location, year): a stable id for it, for event consumers
      const aggregateId = uuidFrom(`${ctx.tenantId}/${req.location}/${req.year}`);
      tx.emit(ResourcesEvents.holidaysReplaced, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId,
        version: 1,
        data: { location: req.location, year: req.year, count: rows.length },
      });
      return { location: req.location, year: req.year, holidays: sorted(req.body.holidays) };
    });
  }

  @RpcHandler(ResourcesRpc.holidaysGet)
  async get(req: HolidaysKey, ctx: RpcContext): Promise<HolidayList> {
    const rows = await this.dataSource.manager.find(PublicHolidayEntity, {
      where: {
        tenantId: ctx.tenantId,
        location: req.location,
        date: Between(`${req.year}-01-01`, `${req.year}-12-31`),
      },
      order: { date: 'ASC' },
    });
    return {
      location: req.location,
      year: req.year,
      holidays: rows.map((r) => ({ date: r.date, name: r.name })),
    };
  }
}

const sorted = (xs: HolidayInput[]): HolidayInput[] =>
  xs.map(({ date, name }) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));

/** a name-based (v5-style) uuid from a string */
function uuidFrom(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
