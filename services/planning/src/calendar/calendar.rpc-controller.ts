import {
  ByIdRequest,
  CreateCalendarRequest,
  ListCalendarsRequest,
  PlanningRpc,
  UpdateCalendarRequest,
  type CalendarChangeResponse,
  type CalendarPage,
  type CalendarResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';

@Injectable()
export class CalendarRpcController {
  constructor(private readonly calendars: CalendarService) {}

  @RpcHandler(PlanningRpc.calendarCreate)
  create(req: CreateCalendarRequest, ctx: RpcContext): Promise<CalendarResponse> {
    return this.calendars.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.calendarGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<CalendarResponse> {
    return this.calendars.get(req.id, ctx);
  }

  @RpcHandler(PlanningRpc.calendarList)
  list(req: ListCalendarsRequest, ctx: RpcContext): Promise<CalendarPage> {
    return this.calendars.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.calendarUpdate)
  update(req: UpdateCalendarRequest, ctx: RpcContext): Promise<CalendarChangeResponse> {
    return this.calendars.update(req, ctx);
  }
}
