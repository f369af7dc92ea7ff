import {
  DEFAULT_WORKING_WEEK,
  PlanningEvents,
  type CalendarChangeResponse,
  type CalendarPage,
  type CalendarResponse,
  type CreateCalendarRequest,
  type ListCalendarsRequest,
  type UpdateCalendarRequest,
} from '@baton/contracts';
import { Clock, NotFoundError, type RpcContext, UnitOfWork, VersionMismatchError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ScheduleService } from '../schedule/schedule.service.js';
import { CalendarEntity } from './calendar.entity.js';
import { CalendarRepository } from './calendar.repository.js';

export function toCalendarResponse(c: CalendarEntity): CalendarResponse {
  return {
    id: c.id,
    name: c.name,
    workingDays: [...c.workingDays].sort((a, b) => a - b),
    holidays: [...c.holidays].sort(),
    exceptions: [...c.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Working calendars of a tenant. Changing one reschedules every project on it, in the same transaction. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly schedule: ScheduleService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  create(req: CreateCalendarRequest, ctx: RpcContext): Promise<CalendarResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const c = Object.assign(new CalendarEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        workingDays: req.workingDays ?? DEFAULT_WORKING_WEEK,
        holidays: req.holidays ?? [],
        exceptions: (req.exceptions ?? []).map((e) => ({ ...e })),
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.calendars.save(tx.manager, c);
      const data = toCalendarResponse(c);
      tx.emit(PlanningEvents.calendarCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: c.id,
        version: 1,
        data,
      });
      return data;
    });
  }

  async get(id: string, ctx: RpcContext): Promise<CalendarResponse> {
    const c = await this.calendars.find(ctx.tenantId, id);
    if (!c) throw new NotFoundError('calendar', id);
    return toCalendarResponse(c);
  }

  async list(q: ListCalendarsRequest, ctx: RpcContext): Promise<CalendarPage> {
    const page = await this.calendars.list(ctx.tenantId, q);
    return { items: page.items.map(toCalendarResponse), nextCursor: page.nextCursor };
  }

  update(req: UpdateCalendarRequest, ctx: RpcContext): Promise<CalendarChangeResponse> {
    return this.uow.run(async (tx) => {
      const c = await this.calendars.findForUpdate(tx.manager, ctx.tenantId, req.id);
      if (!c) throw new NotFoundError('calendar', req.id);
      if (req.expectedVersion !== undefined && req.expectedVersion !== c.version) {
        throw new VersionMismatchError('calendar', req.id, req.expectedVersion, c.version);
      }
      const ch = req.changes;
      if (ch.name !== undefined) c.name = ch.name;
      if (ch.workingDays !== undefined) c.workingDays = ch.workingDays;
      if (ch.holidays !== undefined) c.holidays = ch.holidays;
      if (ch.exceptions !== undefined) c.exceptions = ch.exceptions.map((e) => ({ ...e }));
      c.version += 1;
      c.updatedAt = this.clock.now();
      await this.calendars.save(tx.manager, c);
      const projects = await this.calendars.projectsUsing(tx.manager, ctx.tenantId, c.id);
      const schedules = [];
      for (const projectId of projects) {
        await this.schedule.lockProject(tx, ctx, projectId);
        schedules.push(await this.schedule.reschedule(tx, ctx, projectId, 'calendar.update'));
      }
      const data = toCalendarResponse(c);
      tx.emit(PlanningEvents.calendarUpdated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: c.id,
        version: c.version,
        data,
      });
      return { calendar: data, rescheduledProjects: projects.length, schedules };
    });
  }
}
