import type { TenantCallContext } from '../auth/principal.js';
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
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink } from '../http/representation.js';
import { pickFields } from '../http/sparse-fields.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import {
  ApiGetById,
  ApiIdParam,
  ApiIfMatch,
  ETagHeader,
  LinkHeader,
  LocationHeader,
  ApiVersionedOk,
} from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import {
  CreateUserRequest,
  ListUsersRequest,
  RoleAssignmentInput,
  RoleAssignmentResponse,
  UpdateUserBody,
  UserPage,
  UserResponse,
} from './users.dto.js';
import { UsersService } from './users.service.js';

const BASE = '/api/v1/users';

/** Users of the caller's tenant (memberships by identity-provider subject) and their roles. PMO admins only. */
@ApiTags('users')
@Controller('users')
@RequirePermission('tenant:admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Add (invite) a user to the tenant',
    description:
      'The user signs in through the identity provider; their `sub` must equal `subject`. Roles may be given at once.',
  })
  @ApiCreatedResponse({ type: UserResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 403, 404, 409, 413, 415)
  async create(
    @Body() body: CreateUserRequest,
    @CallContext() ctx: TenantCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.users.create(ctx, body);
    reply.header('Location', `${BASE}/${user.id}`).header('ETag', etagOf(user.version));
    return user;
  }

  @Get()
  @ApiOperation({
    operationId: 'listUsers',
    summary: "List the tenant's users (cursor pagination, filters, sparse fields)",
  })
  @ApiOkResponse({ type: UserPage, headers: LinkHeader })
  @ApiBackendCall(400, 403)
  async list(
    @Query() query: ListUsersRequest,
    @CallContext() ctx: TenantCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserPage> {
    const page = await this.users.list(ctx.tenantId, query);
    setNextLink(request, reply, page.nextCursor);
    return { items: pickFields(page.items, query.fields) as UserResponse[], nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'Get a user with their role assignments' })
  @ApiGetById('user')
  @ApiVersionedOk(UserResponse)
  @ApiBackendCall(400, 403, 404)
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: TenantCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.users.get(ctx.tenantId, id));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser', summary: 'Change a user (email, display name, status)' })
  @ApiIdParam('user')
  @ApiIfMatch()
  @ApiOkResponse({ type: UserResponse, headers: ETagHeader })
  @ApiBackendCall(400, 403, 404, 409, 412, 413, 415)
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateUserBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: TenantCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.users.update(ctx.tenantId, id, changes, expectedVersionFrom(ifMatch));
    reply.header('ETag', etagOf(user.version));
    return user;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteUser', summary: 'Remove a user (and their roles) from the tenant' })
  @ApiIdParam('user')
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'removed' })
  @ApiBackendCall(400, 403, 404, 409, 412)
  async remove(
    @Param('id', UuidParamPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: TenantCallContext,
  ): Promise<void> {
    await this.users.remove(ctx.tenantId, id, expectedVersionFrom(ifMatch));
  }

  @Post(':id/roles')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'assignRole',
    summary: 'Assign a role to a user, tenant-wide or for one project',
    description:
      'A project-scoped role counts on routes that name that project (`/projects/{id}`, `…/{projectId}/…`).',
  })
  @ApiIdParam('user')
  @ApiCreatedResponse({ type: RoleAssignmentResponse })
  @ApiBackendCall(400, 403, 404, 409, 413, 415)
  async assign(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RoleAssignmentInput,
    @CallContext() ctx: TenantCallContext,
  ): Promise<RoleAssignmentResponse> {
    return this.users.assign(ctx, id, body);
  }

  @Delete(':id/roles/:assignmentId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'unassignRole', summary: 'Remove a role assignment' })
  @ApiIdParam('user')
  @ApiParam({
    name: 'assignmentId',
    description: 'the role assignment id',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiBackendCall(400, 403, 404, 409)
  async unassign(
    @Param('id', UuidParamPipe) id: string,
    @Param('assignmentId', UuidParamPipe) assignmentId: string,
    @CallContext() ctx: TenantCallContext,
  ): Promise<void> {
    await this.users.unassign(ctx.tenantId, id, assignmentId);
  }
}
