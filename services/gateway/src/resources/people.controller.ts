import {
  AddLeaveRequest,
  CreatePersonRequest,
  CreateSkillRequest,
  LeaveList,
  LeaveResponse,
  ListPeopleRequest,
  NameFilterRequest,
  PersonPage,
  PersonResponse,
  ResourcesRpc,
  SkillList,
  SkillResponse,
  UpdatePersonBody,
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
import { CallContext } from '../http/call-context.decorator.js';
import { etagOf, expectedVersionFrom } from '../http/if-match.js';
import { sendVersioned, setNextLink, withETag } from '../http/representation.js';
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

/** the leave body: the person comes from the path */
export class AddLeaveBody extends OmitType(AddLeaveRequest, ['personId'] as const) {}

/** People, the skill catalogue and leave; resources owns them (ResourcesRpc.person*, skill*, leave*). */
@ApiTags('people')
@Controller()
export class PeopleController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('skills')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'createSkill', summary: 'Add a skill to the tenant’s catalogue' })
  @ApiCreatedResponse({ type: SkillResponse })
  @ApiBackendCall(400, 409, 413, 415)
  createSkill(@Body() body: CreateSkillRequest, @CallContext() ctx: RpcCallContext): Promise<SkillResponse> {
    return this.rpc.send(ResourcesRpc.skillCreate, body, ctx);
  }

  @Get('skills')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listSkills', summary: 'The tenant’s skill catalogue' })
  @ApiOkResponse({ type: SkillList })
  @ApiBackendCall()
  listSkills(@Query() query: NameFilterRequest, @CallContext() ctx: RpcCallContext): Promise<SkillList> {
    return this.rpc.send(ResourcesRpc.skillList, query, ctx);
  }

  @Post('people')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'createPerson', summary: 'Add a person' })
  @ApiCreatedResponse({ type: PersonResponse, headers: { ...LocationHeader, ...ETagHeader } })
  @ApiBackendCall(400, 409, 413, 415)
  async createPerson(
    @Body() body: CreatePersonRequest,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonResponse> {
    const person = await this.rpc.send(ResourcesRpc.personCreate, body, ctx);
    reply.header('Location', `/api/v1/people/${person.id}`).header('ETag', etagOf(person.version));
    return person;
  }

  @Get('people')
  @RequirePermission('resource:read')
  @ApiOperation({
    operationId: 'listPeople',
    summary: 'List people (by department, skill, line manager; cursor pagination)',
  })
  @ApiOkResponse({ type: PersonPage, headers: LinkHeader })
  @ApiBackendCall(400)
  async listPeople(
    @Query() query: ListPeopleRequest,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonPage> {
    const page = await this.rpc.send(ResourcesRpc.personList, query, ctx);
    setNextLink(request, reply, page.nextCursor);
    return page;
  }

  @Get('people/:id')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'getPerson', summary: 'Get a person' })
  @ApiGetById('person')
  @ApiVersionedOk(PersonResponse)
  @ApiBackendCall(400, 404)
  async getPerson(
    @Param('id', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendVersioned(request, reply, await this.rpc.send(ResourcesRpc.personGet, { id }, ctx));
  }

  @Patch('people/:id')
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'updatePerson', summary: 'Change a person (skills given replace the list)' })
  @ApiIdParam('person')
  @ApiIfMatch()
  @ApiOkResponse({ type: PersonResponse, headers: ETagHeader })
  @ApiBackendCall(400, 404, 409, 412, 413, 415)
  async updatePerson(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdatePersonBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CallContext() ctx: RpcCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonResponse> {
    return withETag(
      reply,
      this.rpc.send(
        ResourcesRpc.personUpdate,
        { id, expectedVersion: expectedVersionFrom(ifMatch), changes },
        ctx,
      ),
    );
  }

  @Post('people/:id/leave')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'addLeave', summary: 'Record leave (409 when it overlaps other leave)' })
  @ApiIdParam('person')
  @ApiCreatedResponse({ type: LeaveResponse })
  @ApiBackendCall(400, 404, 409, 413, 415)
  addLeave(
    @Param('id', UuidParamPipe) personId: string,
    @Body() body: AddLeaveBody,
    @CallContext() ctx: RpcCallContext,
  ): Promise<LeaveResponse> {
    return this.rpc.send(ResourcesRpc.leaveAdd, { ...body, personId }, ctx);
  }

  @Get('people/:id/leave')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listLeave', summary: 'A person’s leave' })
  @ApiIdParam('person')
  @ApiOkResponse({ type: LeaveList })
  @ApiBackendCall(400, 404)
  listLeave(
    @Param('id', UuidParamPipe) personId: string,
    @CallContext() ctx: RpcCallContext,
  ): Promise<LeaveList> {
    return this.rpc.send(ResourcesRpc.leaveList, { personId }, ctx);
  }

  @Delete('people/:id/leave/:leaveId')
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'removeLeave', summary: 'Remove leave' })
  @ApiIdParam('person')
  @ApiOkResponse({ type: LeaveResponse })
  @ApiBackendCall(400, 404)
  removeLeave(
    @Param('id', UuidParamPipe) personId: string,
    @Param('leaveId', UuidParamPipe) id: string,
    @CallContext() ctx: RpcCallContext,
  ): Promise<LeaveResponse> {
    return this.rpc.send(ResourcesRpc.leaveRemove, { personId, id }, ctx);
  }
}
