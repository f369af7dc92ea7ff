import {
  ListTimesheetsRequest,
  PutTimesheetRequest,
  ResourcesRpc,
  TimesheetKey,
  TimesheetTransitionRequest,
  type TimesheetPage,
  type TimesheetResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { TimesheetService } from './timesheet.service.js';

@Injectable()
export class TimesheetRpcController {
  constructor(private readonly timesheets: TimesheetService) {}

  @RpcHandler(ResourcesRpc.timesheetPut)
  put(req: PutTimesheetRequest, ctx: RpcContext): Promise<TimesheetResponse> {
    return this.timesheets.put(req, ctx);
  }

  @RpcHandler(ResourcesRpc.timesheetGet)
  get(req: TimesheetKey, ctx: RpcContext): Promise<TimesheetResponse> {
    return this.timesheets.get(req.personId, req.weekStart, ctx);
  }

  @RpcHandler(ResourcesRpc.timesheetList)
  list(req: ListTimesheetsRequest, ctx: RpcContext): Promise<TimesheetPage> {
    return this.timesheets.list(req, ctx);
  }

  @RpcHandler(ResourcesRpc.timesheetTransition)
  transition(req: TimesheetTransitionRequest, ctx: RpcContext): Promise<TimesheetResponse> {
    return this.timesheets.transition(req, ctx);
  }
}
