import {
  GetScheduleRequest,
  PlanningRpc,
  UpdateScheduleSettingsRequest,
  type ScheduleResponse,
  type ScheduleSummary,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { ScheduleQueryService } from './schedule-query.service.js';

@Injectable()
export class ScheduleRpcController {
  constructor(private readonly schedules: ScheduleQueryService) {}

  @RpcHandler(PlanningRpc.scheduleGet)
  get(req: GetScheduleRequest, ctx: RpcContext): Promise<ScheduleResponse> {
    return this.schedules.get(req, ctx);
  }

  @RpcHandler(PlanningRpc.scheduleUpdateSettings)
  updateSettings(req: UpdateScheduleSettingsRequest, ctx: RpcContext): Promise<ScheduleSummary> {
    return this.schedules.updateSettings(req, ctx);
  }
}
