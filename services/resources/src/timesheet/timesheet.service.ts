import {
  ResourcesEvents,
  type EventContract,
  type ListTimesheetsRequest,
  type PutTimesheetRequest,
  type TimesheetAction,
  type TimesheetEvent,
  type TimesheetPage,
  type TimesheetResponse,
  type TimesheetStatus,
  type TimesheetTransitionRequest,
} from '@baton/contracts';
import {
  Clock,
  NotFoundError,
  paginate,
  type RpcContext,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { dayNumber, isMonday } from '../capacity/load.js';
import { PersonRepository } from '../person/person.repository.js';
import { conflictOn } from '../shared/conflict.js';
import { TimeEntryEntity, TimesheetEntity } from './timesheet.entity.js';

const EDITABLE: TimesheetStatus[] = ['draft', 'rejected'];
const TRANSITIONS: Record<
  TimesheetAction,
  { from: TimesheetStatus[]; to: TimesheetStatus; event: EventContract<TimesheetEvent> }
> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', event: ResourcesEvents.timesheetSubmitted },
  approve: { from: ['submitted'], to: 'approved', event: ResourcesEvents.timesheetApproved },
  reject: { from: ['submitted'], to: 'rejected', event: ResourcesEvents.timesheetRejected },
  /** the person recalls a submitted sheet to correct it; approved sheets stay locked */
  reopen: { from: ['submitted'], to: 'draft', event: ResourcesEvents.timesheetReopened },
};

const total = (entries: TimeEntryEntity[]) =>
  Math.round(entries.reduce((s, e) => s + e.hours, 0) * 100) / 100;

/**
 * Weekly timesheets: draft → submitted → approved | rejected (→ edited and submitted again).
 * An approved week is locked: changing it is a 409. Approval publishes every entry as
 * `resources.time-entry.approved`, in the same transaction as the status change.
 */
@Injectable()
export class TimesheetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PersonRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  put(req: PutTimesheetRequest, ctx: RpcContext): Promise<TimesheetResponse> {
    checkWeek(req.weekStart);
    const first = dayNumber(req.weekStart);
    const perDay = new Map<string, number>();
    req.body.entries.forEach((e, i) => {
      const offset = dayNumber(e.date) - first;
      if (offset < 0 || offset > 6) {
        throw new ValidationFailedError([
          { field: `entries.${i}.date`, message: `${e.date} is not in the week starting ${req.weekStart}` },
        ]);
      }
      const sum = (perDay.get(e.date) ?? 0) + e.hours;
      if (sum > 24)
        throw new ValidationFailedError([
          { field: `entries.${i}.hours`, message: `more than 24 hours on ${e.date}` },
        ]);
      perDay.set(e.date, sum);
    });
    return this.uow.run(async (tx) => {
      const person = await this.people.find(ctx.tenantId, req.personId, tx.manager);
      if (!person) throw new NotFoundError('person', req.personId);
      let sheet = await this.lock(tx, ctx, req.personId, req.weekStart);
      const now = this.clock.now();
      if (!sheet) {
        sheet = Object.assign(new TimesheetEntity(), {
          id: randomUUID(),
          tenantId: ctx.tenantId,
          personId: req.personId,
          weekStart: req.weekStart,
          status: 'draft' as const,
          submittedBy: null,
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
          version: 0,
          createdAt: now,
          updatedAt: now,
        });
      } else {
        checkVersion(sheet, req.expectedVersion);
        if (!EDITABLE.includes(sheet.status)) {
          throw conflictOn(
            'entries',
            `the timesheet of week ${req.weekStart} is ${sheet.status} and cannot be edited`,
            { status: sheet.status },
          );
        }
      }
      sheet.version += 1;
      sheet.updatedAt = now;
      await tx.manager.save(sheet);
      await tx.manager.delete(TimeEntryEntity, { tenantId: ctx.tenantId, timesheetId: sheet.id });
      const entries = req.body.entries.map((e) =>
        Object.assign(new TimeEntryEntity(), {
          id: randomUUID(),
          tenantId: ctx.tenantId,
          timesheetId: sheet.id,
          projectId: e.projectId,
          taskId: e.taskId ?? null,
          date: e.date,
          hours: e.hours,
          note: e.note ?? null,
        }),
      );
      if (entries.length) await tx.manager.insert(TimeEntryEntity, entries);
      return toResponse(sheet, entries);
    });
  }

  async get(personId: string, weekStart: string, ctx: RpcContext): Promise<TimesheetResponse> {
    checkWeek(weekStart);
    const sheet = await this.dataSource.manager.findOneBy(TimesheetEntity, {
      tenantId: ctx.tenantId,
      personId,
      weekStart,
    });
    if (!sheet) throw new NotFoundError('timesheet', `${personId}/${weekStart}`);
    return toResponse(
      sheet,
      await this.entriesOf(ctx.tenantId, [sheet.id]).then((m) => m.get(sheet.id) ?? []),
    );
  }

  async list(q: ListTimesheetsRequest, ctx: RpcContext): Promise<TimesheetPage> {
    const qb = this.dataSource.manager
      .createQueryBuilder(TimesheetEntity, 't')
      .where('t.tenant_id = :tenantId', { tenantId: ctx.tenantId });
    if (q.personId) qb.andWhere('t.person_id = :personId', { personId: q.personId });
    if (q.status?.length) qb.andWhere('t.status IN (:...status)', { status: q.status });
    const page = await paginate(qb, {
      sort: 'createdAt',
      columns: { createdAt: 't.created_at' },
      idColumn: 't.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row) => [row.createdAt.toISOString(), row.id],
    });
    const entries = await this.entriesOf(
      ctx.tenantId,
      page.items.map((s) => s.id),
    );
    return {
      items: page.items.map((s) => toResponse(s, entries.get(s.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  transition(req: TimesheetTransitionRequest, ctx: RpcContext): Promise<TimesheetResponse> {
    checkWeek(req.weekStart);
    const { action, comment } = req.body;
    const rule = TRANSITIONS[action];
    return this.uow.run(async (tx) => {
      const sheet = await this.lock(tx, ctx, req.personId, req.weekStart);
      if (!sheet) throw new NotFoundError('timesheet', `${req.personId}/${req.weekStart}`);
      checkVersion(sheet, req.expectedVersion);
      if (!rule.from.includes(sheet.status)) {
        const verb = action === 'submit' ? 'submitted' : `${action}d`;
        throw conflictOn('action', `a ${sheet.status} timesheet cannot be ${verb}`, { status: sheet.status });
      }
      const entries = (await this.entriesOf(ctx.tenantId, [sheet.id], tx)).get(sheet.id) ?? [];
      if (action === 'submit' && entries.length === 0) {
        throw new ValidationFailedError([
          { field: 'entries', message: 'an empty timesheet cannot be submitted' },
        ]);
      }
      const now = this.clock.now();
      sheet.status = rule.to;
      if (action === 'submit') sheet.submittedBy = ctx.actor.id;
      if (action === 'approve' || action === 'reject') {
        sheet.decidedBy = ctx.actor.id;
        sheet.decidedAt = now;
        sheet.decisionComment = comment ?? null;
      }
      sheet.version += 1;
      sheet.updatedAt = now;
      await tx.manager.save(sheet);
      const data = toResponse(sheet, entries);
      const base = { tenantId: ctx.tenantId, actor: ctx.actor };
      tx.emit(rule.event, {
        ...base,
        aggregateId: sheet.id,
        version: sheet.version,
        data: {
          id: sheet.id,
          personId: sheet.personId,
          weekStart: sheet.weekStart,
          status: sheet.status,
          totalHours: data.totalHours,
        },
      });
      if (action === 'approve') await this.publishApprovedEntries(tx, ctx, sheet, entries);
      return data;
    });
  }

  private async publishApprovedEntries(
    tx: Tx,
    ctx: RpcContext,
    sheet: TimesheetEntity,
    entries: TimeEntryEntity[],
  ): Promise<void> {
    const person = await this.people.find(ctx.tenantId, sheet.personId, tx.manager);
    for (const e of entries) {
      tx.emit(ResourcesEvents.timeEntryApproved, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: e.id,
        version: 1,
        data: {
          entryId: e.id,
          timesheetId: sheet.id,
          personId: sheet.personId,
          projectId: e.projectId,
          taskId: e.taskId,
          date: e.date,
          hours: e.hours,
          costRateRef: person?.costRateRef ?? null,
        },
      });
    }
  }

  private lock(
    tx: Tx,
    ctx: RpcContext,
    personId: string,
    weekStart: string,
  ): Promise<TimesheetEntity | null> {
    return tx.manager
      .createQueryBuilder(TimesheetEntity, 't')
      .setLock('pessimistic_write')
      .where('t.tenant_id = :tenantId AND t.person_id = :personId AND t.week_start = :weekStart', {
        tenantId: ctx.tenantId,
        personId,
        weekStart,
      })
      .getOne();
  }

  private async entriesOf(tenantId: string, ids: string[], tx?: Tx): Promise<Map<string, TimeEntryEntity[]>> {
    const out = new Map<string, TimeEntryEntity[]>();
    if (ids.length === 0) return out;
    const rows = await (tx?.manager ?? this.dataSource.manager).find(TimeEntryEntity, {
      where: { tenantId, timesheetId: In(ids) },
      order: { date: 'ASC', id: 'ASC' },
    });
    for (const r of rows) out.set(r.timesheetId, [...(out.get(r.timesheetId) ?? []), r]);
    return out;
  }
}

function checkWeek(weekStart: string): void {
  if (!isMonday(weekStart))
    throw new ValidationFailedError([
      { field: 'weekStart', message: 'weekStart must be a Monday (ISO weeks)' },
    ]);
}

function checkVersion(sheet: TimesheetEntity, expected?: number): void {
  if (expected !== undefined && expected !== sheet.version) {
    throw new VersionMismatchError('timesheet', sheet.id, expected, sheet.version);
  }
}

function toResponse(s: TimesheetEntity, entries: TimeEntryEntity[]): TimesheetResponse {
  return {
    id: s.id,
    personId: s.personId,
    weekStart: s.weekStart,
    status: s.status,
    entries: entries.map((e) => ({
      id: e.id,
      projectId: e.projectId,
      taskId: e.taskId,
      date: e.date,
      hours: e.hours,
      note: e.note,
    })),
    totalHours: total(entries),
    submittedBy: s.submittedBy,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt ? s.decidedAt.toISOString() : null,
    decisionComment: s.decisionComment,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}
