import {
  ResourcesEvents,
  type AddLeaveRequest,
  type CreatePersonRequest,
  type CreateSkillRequest,
  type LeaveList,
  type LeaveResponse,
  type ListPeopleRequest,
  type NameFilterRequest,
  type PersonPage,
  type PersonResponse,
  type PersonSkillInput,
  type RemoveLeaveRequest,
  type SkillList,
  type SkillResponse,
  type UpdatePersonRequest,
} from '@baton/contracts';
import {
  Clock,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { conflictOn } from '../shared/conflict.js';
import { LeaveEntity, PersonEntity, PersonSkillEntity, SkillEntity } from './person.entity.js';
import { toLeaveResponse, toPersonEvent, toPersonResponse, toSkillResponse } from './person.mapper.js';
import { PersonRepository } from './person.repository.js';

const DEFAULT_WEEK = [1, 2, 3, 4, 5];

/** People (matrix organisation: one line manager, many projects), the skill catalogue and leave. */
@Injectable()
export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  createSkill(req: CreateSkillRequest, ctx: RpcContext): Promise<SkillResponse> {
    return this.uow.run(async (tx) => {
      const skill = Object.assign(new SkillEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        description: req.description ?? null,
        createdAt: this.clock.now(),
      });
      await tx.manager.query('SAVEPOINT skill_save');
      try {
        await tx.manager.insert(SkillEntity, skill);
      } catch (err) {
        if (
          err instanceof QueryFailedError &&
          (err.driverError as { constraint?: string }).constraint === 'skill_tenant_name_uq'
        ) {
          await tx.manager.query('ROLLBACK TO SAVEPOINT skill_save');
          throw conflictOn('name', `a skill named ${req.name} already exists`);
        }
        throw err;
      }
      tx.emit(ResourcesEvents.skillCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: skill.id,
        version: 1,
        data: { id: skill.id, name: skill.name },
      });
      return toSkillResponse(skill);
    });
  }

  async listSkills(req: NameFilterRequest, ctx: RpcContext): Promise<SkillList> {
    return { items: (await this.people.skills(ctx.tenantId, req.q)).map(toSkillResponse) };
  }

  create(req: CreatePersonRequest, ctx: RpcContext): Promise<PersonResponse> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const p = Object.assign(new PersonEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        email: req.email.toLowerCase(),
        jobRole: req.jobRole ?? null,
        department: req.department ?? null,
        lineManagerId: null,
        costRateRef: req.costRateRef ?? null,
        hourlyCost: req.hourlyCost ?? null,
        hoursPerDay: req.hoursPerDay ?? 8,
        workingDays: req.workingDays ?? DEFAULT_WEEK,
        location: req.location ?? null,
        active: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      if (req.lineManagerId) await this.setLineManager(tx, ctx, p, req.lineManagerId);
      await this.saveOrConflict(tx, p);
      if (req.skills) await this.setSkills(tx, ctx, p.id, req.skills);
      tx.emit(ResourcesEvents.personCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: p.id,
        version: 1,
        data: toPersonEvent(p),
      });
      return this.response(p, tx);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<PersonResponse> {
    const p = await this.people.find(ctx.tenantId, id);
    if (!p) throw new NotFoundError('person', id);
    return this.response(p);
  }

  async list(q: ListPeopleRequest, ctx: RpcContext): Promise<PersonPage> {
    const page = await this.people.list(ctx.tenantId, q);
    const skills = await this.people.skillsOf(
      ctx.tenantId,
      page.items.map((p) => p.id),
    );
    return {
      items: page.items.map((p) => toPersonResponse(p, skills.get(p.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  update(req: UpdatePersonRequest, ctx: RpcContext): Promise<PersonResponse> {
    return this.uow.run(async (tx) => {
      const p = await this.lockPerson(tx, ctx, req.id, req.expectedVersion);
      const c = req.changes;
      if (c.name !== undefined) p.name = c.name;
      if (c.email !== undefined) p.email = c.email.toLowerCase();
      if (c.jobRole !== undefined) p.jobRole = c.jobRole;
      if (c.department !== undefined) p.department = c.department;
      if (c.costRateRef !== undefined) p.costRateRef = c.costRateRef;
      if (c.hourlyCost !== undefined) p.hourlyCost = c.hourlyCost;
      if (c.hoursPerDay !== undefined) p.hoursPerDay = c.hoursPerDay;
      if (c.workingDays !== undefined) p.workingDays = c.workingDays;
      if (c.location !== undefined) p.location = c.location;
      if (c.active !== undefined) p.active = c.active;
      if (c.lineManagerId !== undefined) {
        if (c.lineManagerId === null) p.lineManagerId = null;
        else await this.setLineManager(tx, ctx, p, c.lineManagerId);
      }
      if (c.skills !== undefined) await this.setSkills(tx, ctx, p.id, c.skills);
      p.version += 1;
      p.updatedAt = this.clock.now();
      await this.saveOrConflict(tx, p);
      tx.emit(ResourcesEvents.personUpdated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: p.id,
        version: p.version,
        data: toPersonEvent(p),
      });
      return this.response(p, tx);
    });
  }

  /** Leave may not overlap other leave of the same person (409 naming the clash). */
  addLeave(req: AddLeaveRequest, ctx: RpcContext): Promise<LeaveResponse> {
    if (req.endDate < req.startDate) {
      throw new ValidationFailedError([
        { field: 'endDate', message: 'endDate must be on or after startDate' },
      ]);
    }
    return this.uow.run(async (tx) => {
      await this.lockPerson(tx, ctx, req.personId);
      const clash = (await this.people.leaveOf(ctx.tenantId, req.personId, tx.manager)).find(
        (l) => l.startDate <= req.endDate && l.endDate >= req.startDate,
      );
      if (clash) {
        throw conflictOn(
          'startDate',
          `leave overlaps leave ${clash.id} (${clash.startDate} to ${clash.endDate})`,
          { overlapsLeaveId: clash.id },
        );
      }
      const leave = Object.assign(new LeaveEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        personId: req.personId,
        startDate: req.startDate,
        endDate: req.endDate,
        kind: req.kind,
        note: req.note ?? null,
        createdAt: this.clock.now(),
      });
      await tx.manager.insert(LeaveEntity, leave);
      const data = toLeaveResponse(leave);
      tx.emit(ResourcesEvents.leaveAdded, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: leave.id,
        version: 1,
        data,
      });
      return data;
    });
  }

  async listLeave(personId: string, ctx: RpcContext): Promise<LeaveList> {
    if (!(await this.people.find(ctx.tenantId, personId))) throw new NotFoundError('person', personId);
    return { items: (await this.people.leaveOf(ctx.tenantId, personId)).map(toLeaveResponse) };
  }

  removeLeave(req: RemoveLeaveRequest, ctx: RpcContext): Promise<LeaveResponse> {
    return this.uow.run(async (tx) => {
      const leave = await tx.manager.findOneBy(LeaveEntity, {
        tenantId: ctx.tenantId,
        personId: req.personId,
        id: req.id,
      });
      if (!leave) throw new NotFoundError('leave', req.id);
      await tx.manager.delete(LeaveEntity, { tenantId: ctx.tenantId, id: req.id });
      const data = toLeaveResponse(leave);
      tx.emit(ResourcesEvents.leaveRemoved, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: leave.id,
        version: 2,
        data,
      });
      return data;
    });
  }

  private async lockPerson(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<PersonEntity> {
    const p = await this.people.findForUpdate(tx.manager, ctx.tenantId, id);
    if (!p) throw new NotFoundError('person', id);
    if (expectedVersion !== undefined && expectedVersion !== p.version) {
      throw new VersionMismatchError('person', id, expectedVersion, p.version);
    }
    return p;
  }

  private async setLineManager(tx: Tx, ctx: RpcContext, p: PersonEntity, managerId: string): Promise<void> {
    const field = 'lineManagerId';
    if (managerId === p.id)
      throw new ValidationFailedError([{ field, message: 'a person cannot be their own line manager' }]);
    if (!(await this.people.find(ctx.tenantId, managerId, tx.manager))) {
      throw new ValidationFailedError([{ field, message: `person ${managerId} does not exist` }]);
    }
    if ((await this.people.managerChain(tx.manager, ctx.tenantId, managerId)).includes(p.id)) {
      throw conflictOn(
        field,
        `${managerId} reports (directly or not) to ${p.id}: that would make a reporting cycle`,
      );
    }
    p.lineManagerId = managerId;
  }

  private async setSkills(
    tx: Tx,
    ctx: RpcContext,
    personId: string,
    skills: PersonSkillInput[],
  ): Promise<void> {
    const ids = skills.map((s) => s.skillId);
    const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dup >= 0)
      throw new ValidationFailedError([
        { field: `skills.${dup}.skillId`, message: 'each skill may be listed once' },
      ]);
    const unknown = await this.people.unknownSkills(tx.manager, ctx.tenantId, ids);
    if (unknown.length) {
      throw new ValidationFailedError(
        unknown.map((id) => ({
          field: `skills.${ids.indexOf(id)}.skillId`,
          message: `skill ${id} is not in the tenant’s catalogue`,
        })),
      );
    }
    const rows = skills.map((s) =>
      Object.assign(new PersonSkillEntity(), {
        tenantId: ctx.tenantId,
        personId,
        skillId: s.skillId,
        level: s.level,
        certificate: s.certificate ?? null,
        certifiedUntil: s.certifiedUntil ?? null,
      }),
    );
    await this.people.replaceSkills(tx.manager, ctx.tenantId, personId, rows);
  }

  private async saveOrConflict(tx: Tx, p: PersonEntity): Promise<void> {
    if ((await this.people.save(tx.manager, p)) === 'duplicate') {
      throw conflictOn('email', `a person with e-mail ${p.email} already exists`);
    }
  }

  private async response(p: PersonEntity, tx?: Tx): Promise<PersonResponse> {
    const skills = await this.people.skillsOf(p.tenantId, [p.id], tx?.manager);
    return toPersonResponse(p, skills.get(p.id) ?? []);
  }
}
