import {
  CreateTaskRequest,
  DeleteTaskRequest,
  GetTaskRequest,
  ListTasksRequest,
  MoveTaskRequest,
  PlanningRpc,
  UpdateTaskRequest,
  type TaskChangeResponse,
  type TaskDeletedResponse,
  type TaskPage,
  type TaskResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { TaskService } from './task.service.js';

@Injectable()
export class TaskRpcController {
  constructor(private readonly tasks: TaskService) {}

  @RpcHandler(PlanningRpc.taskCreate)
  create(req: CreateTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    return this.tasks.create(req, ctx);
  }

  @RpcHandler(PlanningRpc.taskGet)
  get(req: GetTaskRequest, ctx: RpcContext): Promise<TaskResponse> {
    return this.tasks.get(req, ctx);
  }

  @RpcHandler(PlanningRpc.taskList)
  list(req: ListTasksRequest, ctx: RpcContext): Promise<TaskPage> {
    return this.tasks.list(req, ctx);
  }

  @RpcHandler(PlanningRpc.taskUpdate)
  update(req: UpdateTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    return this.tasks.update(req, ctx);
  }

  @RpcHandler(PlanningRpc.taskMove)
  move(req: MoveTaskRequest, ctx: RpcContext): Promise<TaskChangeResponse> {
    return this.tasks.move(req, ctx);
  }

  @RpcHandler(PlanningRpc.taskDelete)
  delete(req: DeleteTaskRequest, ctx: RpcContext): Promise<TaskDeletedResponse> {
    return this.tasks.delete(req, ctx);
  }
}
