import type {
  GetScheduleRequest,
  ScheduleResponse,
  ScheduleSummary,
  UpdateScheduleSettingsRequest,
} from '@baton/contracts';
import { NotFoundError, UnitOfWork, UnprocessableError, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { BaselineRepository } from '../baseline/baseline.repository.js';
import { CalendarRepository } from '../calendar/calendar.repository.js';
import { TaskRepository } from '../task/task.repository.js';
import { toTaskResponse } from '../task/task-view.js';
import { ScheduleRepository } from './schedule.repository.js';
import { ScheduleService } from './schedule.service.js';

/** GET /projects/{id}/schedule and its settings (calendar, status date, deadline). */
@Injectable()
export class ScheduleQueryService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly schedule: ScheduleService,
    private readonly tasks: TaskRepository,
    private readonly baselines: BaselineRepository,
    private readonly calendars: CalendarRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async get(req: GetScheduleRequest, ctx: RpcContext): Promise<ScheduleResponse> {
    const p = await this.repo.read(ctx.tenantId, req.projectId);
    if (!p) throw new NotFoundError('project', req.projectId);
    let baseline: Awaited<ReturnType<BaselineRepository['resolve']>> | undefined;
    if (req.baseline) {
      baseline = await this.baselines.resolve(p.id, req.baseline);
      if (!baseline)
        throw new UnprocessableError([
          { field: 'baseline', message: `project ${p.id} has no baseline "${req.baseline}"` },
        ]);
    }
    const t = await this.schedule.timeline(this.repo.manager, p);
    const page = await this.tasks.list({
      projectId: p.id,
      limit: req.limit,
      cursor: req.cursor,
      order: 'schedule',
      criticalOnly: req.criticalOnly,
      baselineId: baseline?.id,
    });
    const calendar = p.calendar_id ? await this.calendars.find(ctx.tenantId, p.calendar_id) : null;
    return {
      summary: await this.schedule.storedSummary(this.repo.manager, p),
      calendar: { id: calendar?.id ?? null, name: calendar?.name ?? 'Standard (Mon–Fri)' },
      items: page.items.map((r) => toTaskResponse(r, t, baseline?.name)),
      nextCursor: page.nextCursor,
    };
  }

  updateSettings(req: UpdateScheduleSettingsRequest, ctx: RpcContext): Promise<ScheduleSummary> {
    return this.uow.run(async (tx) => {
      await this.schedule.lockProject(tx, ctx, req.projectId);
      if (req.calendarId && !(await this.calendars.find(ctx.tenantId, req.calendarId, tx.manager))) {
        throw new UnprocessableError([
          { field: 'calendarId', message: `calendar ${req.calendarId} does not exist` },
        ]);
      }
      await this.repo.writeSettings(tx.manager, req.projectId, {
        ...(req.calendarId !== undefined ? { calendar_id: req.calendarId } : {}),
        ...(req.statusDate !== undefined ? { status_date: req.statusDate } : {}),
        ...(req.deadline !== undefined ? { deadline: req.deadline } : {}),
      });
      return this.schedule.reschedule(tx, ctx, req.projectId, 'schedule.settings');
    });
  }
}
