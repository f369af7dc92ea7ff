import {
  AddLeaveRequest,
  ByIdRequest,
  CreatePersonRequest,
  CreateSkillRequest,
  ListPeopleRequest,
  NameFilterRequest,
  PersonLeaveRequest,
  RemoveLeaveRequest,
  ResourcesRpc,
  UpdatePersonRequest,
  type LeaveList,
  type LeaveResponse,
  type PersonPage,
  type PersonResponse,
  type SkillList,
  type SkillResponse,
} from '@baton/contracts';
import { RpcHandler, type RpcContext } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { PersonService } from './person.service.js';

@Injectable()
export class PersonRpcController {
  constructor(private readonly people: PersonService) {}

  @RpcHandler(ResourcesRpc.skillCreate)
  createSkill(req: CreateSkillRequest, ctx: RpcContext): Promise<SkillResponse> {
    return this.people.createSkill(req, ctx);
  }

  @RpcHandler(ResourcesRpc.skillList)
  listSkills(req: NameFilterRequest, ctx: RpcContext): Promise<SkillList> {
    return this.people.listSkills(req, ctx);
  }

  @RpcHandler(ResourcesRpc.personCreate)
  create(req: CreatePersonRequest, ctx: RpcContext): Promise<PersonResponse> {
    return this.people.create(req, ctx);
  }

  @RpcHandler(ResourcesRpc.personGet)
  get(req: ByIdRequest, ctx: RpcContext): Promise<PersonResponse> {
    return this.people.get(req.id, ctx);
  }

  @RpcHandler(ResourcesRpc.personList)
  list(req: ListPeopleRequest, ctx: RpcContext): Promise<PersonPage> {
    return this.people.list(req, ctx);
  }

  @RpcHandler(ResourcesRpc.personUpdate)
  update(req: UpdatePersonRequest, ctx: RpcContext): Promise<PersonResponse> {
    return this.people.update(req, ctx);
  }

  @RpcHandler(ResourcesRpc.leaveAdd)
  addLeave(req: AddLeaveRequest, ctx: RpcContext): Promise<LeaveResponse> {
    return this.people.addLeave(req, ctx);
  }

  @RpcHandler(ResourcesRpc.leaveList)
  listLeave(req: PersonLeaveRequest, ctx: RpcContext): Promise<LeaveList> {
    return this.people.listLeave(req.personId, ctx);
  }

  @RpcHandler(ResourcesRpc.leaveRemove)
  removeLeave(req: RemoveLeaveRequest, ctx: RpcContext): Promise<LeaveResponse> {
    return this.people.removeLeave(req, ctx);
  }
}
