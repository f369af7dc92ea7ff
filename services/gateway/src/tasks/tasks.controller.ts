import {
  BaselineQuery,
  CreateTaskRequest,
  ListTasksRequest,
  MoveTaskBody,
  PlanningRpc,
  TaskChangeResponse,
  TaskDeletedResponse,
  TaskPage,
  TaskResponse,
  UpdateTaskBody,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { ProjectResource } from '../auth/project-resource.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink } from '../http/representation.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ApiIdParam,
  ApiIfMatch,
  ApiProjectIdParam,
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

export class CreateTaskBody extends OmitType(CreateTaskRequest, ['projectId'] as const) {}
export class ListTasksQuery extends OmitType(ListTasksRequest, ['projectId'] as const) {}

/**
 * The WBS over HTTP (PlanningRpc.task*). Every change reschedules the project in the same
 * transaction: the answer carries the task with its computed dates and the project's summary.
 */
@ApiTags('tasks')
@Controller()
export class TasksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:projectId/tasks')
  @HttpCode(201)
  @RequirePermission('schedule:write')
  @ApiOperation({
    operationId: 'createTask',
    summary: 'Add a task, milestone (duration 0) or subtask (parentId) to the WBS',
  })
  @ApiProjectIdParam()
  @ApiCreatedResponse({ type: TaskChangeResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 404, 409, 413, 415, 422)
  async create(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() body: CreateTaskBody,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskChangeResponse> {
    const res = await this.rpc.send(PlanningRpc.taskCreate, { ...body, projectId }, ctx);
    reply.header('Location', `/api/v1/tasks/${res.task.id}`).header('ETag', etagOf(res.task.version));
    return res;
  }

  @Get('projects/:projectId/tasks')
  @RequirePermission('project:read')
  @ApiOperation({
    operationId: 'listTasks',
    summary: 'The WBS in order, with computed dates (cursor pagination; ?baseline= adds variance)',
  })
  @ApiProjectIdParam()
  @ApiOkResponse({ type: TaskPage, headers: LinkHeader })
  @ApiBackendCall(400, 404, 422)
  async list(
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListTasksQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskPage> {
    const page = await this.rpc.send(PlanningRpc.taskList, { ...query, projectId }, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('tasks/:id')
  @RequirePermission('project:read')
  @ProjectResource('task')
  @ApiOperation({
    operationId: 'getTask',
    summary: 'A task with its computed dates (?baseline= adds variance)',
  })
  @ApiGetById('task')
  @ApiVersionedOk(TaskResponse)
  @ApiBackendCall(400, 404, 422)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: BaselineQuery,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(PlanningRpc.taskGet, { ...query, id }, ctx));
  }

  @Patch('tasks/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('task')
  @ApiOperation({
    operationId: 'updateTask',
    summary: 'Change a task or record progress; the project is rescheduled',
  })
  @ApiIdParam('task')
  @ApiIfMatch()
  @ApiOkResponse({ type: TaskChangeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415, 422)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateTaskBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskChangeResponse> {
    const res = await this.rpc.send(
      PlanningRpc.taskUpdate,
      { id, expectedVersion: expectedVersionFrom(ifMatch), changes },
      ctx,
    );
    reply.header('ETag', etagOf(res.task.version));
    return res;
  }

  @Post('tasks/:id/move')
  @HttpCode(200)
  @RequirePermission('schedule:write')
  @ProjectResource('task')
  @ApiOperation({
    operationId: 'moveTask',
    summary: 'Move a task (with its subtasks) under another parent or position; WBS codes follow',
  })
  @ApiIdParam('task')
  @ApiIfMatch()
  @ApiOkResponse({ type: TaskChangeResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 422)
  async move(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: MoveTaskBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskChangeResponse> {
    const res = await this.rpc.send(
      PlanningRpc.taskMove,
      { ...body, id, expectedVersion: expectedVersionFrom(ifMatch) },
      ctx,
    );
    reply.header('ETag', etagOf(res.task.version));
    return res;
  }

  @Delete('tasks/:id')
  @RequirePermission('schedule:write')
  @ProjectResource('task')
  @ApiOperation({
    operationId: 'deleteTask',
    summary: 'Delete a task and its subtasks; the project is rescheduled',
  })
  @ApiIdParam('task')
  @ApiIfMatch()
  @ApiOkResponse({ type: TaskDeletedResponse })
  @ApiBackendCall(400, 404, 409, 412)
  delete(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
  ): Promise<TaskDeletedResponse> {
    return this.rpc.send(PlanningRpc.taskDelete, { id, expectedVersion: expectedVersionFrom(ifMatch) }, ctx);
  }
}
