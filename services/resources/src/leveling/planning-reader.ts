import {
  CalendarRpc,
  DependencyRpc,
  PlanningRpc,
  ScheduleRpc,
  type CalendarResponse,
  type DependencyPage,
  type DependencyResponse,
  type ScheduleResponse,
  type ProjectResponse,
  type TaskResponse,
} from '@baton/contracts';
import { DomainError, RpcClient, RpcError, type RpcCallContext, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';

export interface ProjectNetwork {
  project: ProjectResponse;
  /** null: the default Monday–Friday calendar */
  calendar: CalendarResponse | null;
  tasks: TaskResponse[];
  dependencies: DependencyResponse[];
}

const PAGE = 100;

/**
 * Reads a project's network from planning over NATS, page by page, in the caller's tenant. Planning
 * owns tasks and dependencies; resources never reads its schema.
 */
@Injectable()
export class PlanningReader {
  constructor(private readonly rpc: RpcClient) {}

  async network(ctx: RpcContext, projectId: string): Promise<ProjectNetwork> {
    const call: RpcCallContext = { tenantId: ctx.tenantId, actor: ctx.actor };
    return this.translate(async () => {
      const project = await this.rpc.send(PlanningRpc.projectGet, { id: projectId }, call);
      const tasks: TaskResponse[] = [];
      let cursor: string | undefined;
      let calendarId: string | null | undefined;
      do {
        const page: ScheduleResponse = await this.rpc.send(
          ScheduleRpc.scheduleGet,
          { projectId, limit: PAGE, ...(cursor ? { cursor } : {}) },
          call,
        );
        calendarId = page.calendar.id;
        tasks.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const dependencies: DependencyResponse[] = [];
      cursor = undefined;
      do {
        const page: DependencyPage = await this.rpc.send(
          DependencyRpc.dependencyList,
          { projectId, limit: PAGE, ...(cursor ? { cursor } : {}) },
          call,
        );
        dependencies.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const calendar = calendarId
        ? await this.rpc.send(CalendarRpc.calendarGet, { id: calendarId }, call)
        : null;
      return { project, calendar, tasks, dependencies };
    });
  }

  /** asks planning to hold a task back to a date (start no earlier than) */
  holdBack(ctx: RpcContext, taskId: string, date: string): Promise<unknown> {
    const call: RpcCallContext = { tenantId: ctx.tenantId, actor: ctx.actor };
    return this.translate(() =>
      this.rpc.send(
        PlanningRpc.taskUpdate,
        { id: taskId, changes: { constraintType: 'SNET', constraintDate: date } },
        call,
      ),
    );
  }

  /** planning's errors keep their code (404 stays 404, 503 stays 503) */
  private async translate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RpcError) throw new DomainError(err.code, `planning: ${err.message}`, err.details);
      throw err;
    }
  }
}
