import {
  MAX_UNITS,
  MAX_UNITS_WITHOUT_OVERRIDE,
  ResourcesEvents,
  type AssignmentPage,
  type AssignmentResponse,
  type AssignmentStatus,
  type CreateAssignmentRequest,
  type DecideAssignmentRequest,
  type EventContract,
  type AssignmentEvent,
  type ListAssignmentsRequest,
  type RespondAssignmentRequest,
} from '@baton/contracts';
import {
  Clock,
  NotFoundError,
  paginate,
  type RpcContext,
  type Tx,
  UnitOfWork,
  ValidationFailedError,
  VersionMismatchError,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { holidaysIn } from '../calendar/holidays-in.js';
import { holidaysByLocation, windowHours } from '../capacity/load.js';
import { TeamEntity } from '../organisation/organisation.entity.js';
import type { PersonEntity } from '../person/person.entity.js';
import { PersonRepository } from '../person/person.repository.js';
import { conflictOn } from '../shared/conflict.js';
import { AssignmentEntity } from './assignment.entity.js';
import { toAssignmentEvent, toAssignmentResponse } from './assignment.mapper.js';
import { ProjectDirectory } from './project-directory.js';

/** which states each decision may leave, and where it goes */
const DECISIONS: Record<
  string,
  { from: AssignmentStatus[]; to: AssignmentStatus; event: EventContract<AssignmentEvent> }
> = {
  approve: { from: ['requested'], to: 'approved', event: ResourcesEvents.assignmentApproved },
  reject: { from: ['requested', 'approved'], to: 'rejected', event: ResourcesEvents.assignmentRejected },
  'counter-propose': {
    from: ['requested'],
    to: 'counter-proposed',
    event: ResourcesEvents.assignmentCounterProposed,
  },
};

/**
 * Assignments and their approval: a project manager requests (requested), the line manager
 * approves, rejects or counter-proposes; the requester accepts a counter-proposal (approved with
 * the proposed units and dates) or withdraws. Only approved assignments count as load.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PersonRepository,
    private readonly projects: ProjectDirectory,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async create(req: CreateAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    checkWindow(req.startDate, req.endDate, 'endDate');
    const person = await this.requireTarget(ctx, req);
    const units = await this.unitsOf(ctx, req, person);
    if (units > MAX_UNITS_WITHOUT_OVERRIDE && !req.allowOverallocation) {
      throw new ValidationFailedError([
        {
          field: req.hours === undefined ? 'units' : 'hours',
          message: `more than ${MAX_UNITS_WITHOUT_OVERRIDE}% (${units}%) needs allowOverallocation: true`,
        },
      ]);
    }
    await this.projects.requireProject(ctx, req.projectId);
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const a = Object.assign(new AssignmentEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        personId: req.personId ?? null,
        teamId: req.teamId ?? null,
        projectId: req.projectId,
        taskId: req.taskId ?? null,
        startDate: req.startDate,
        endDate: req.endDate,
        units,
        hours: req.hours ?? null,
        status: 'requested' as const,
        note: req.note ?? null,
        requestedBy: ctx.actor.id,
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        proposedUnits: null,
        proposedStartDate: null,
        proposedEndDate: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await tx.manager.insert(AssignmentEntity, a);
      return this.emit(tx, ctx, a, ResourcesEvents.assignmentRequested);
    });
  }

  async get(id: string, ctx: RpcContext): Promise<AssignmentResponse> {
    const a = await this.dataSource.manager.findOneBy(AssignmentEntity, { tenantId: ctx.tenantId, id });
    if (!a) throw new NotFoundError('assignment', id);
    return toAssignmentResponse(a);
  }

  async list(q: ListAssignmentsRequest, ctx: RpcContext): Promise<AssignmentPage> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AssignmentEntity, 'a')
      .where('a.tenant_id = :tenantId', { tenantId: ctx.tenantId });
    if (q.personId) qb.andWhere('a.person_id = :personId', { personId: q.personId });
    if (q.teamId) qb.andWhere('a.team_id = :teamId', { teamId: q.teamId });
    if (q.projectId) qb.andWhere('a.project_id = :projectId', { projectId: q.projectId });
    if (q.status?.length) qb.andWhere('a.status IN (:...status)', { status: q.status });
    else if (!q.includeClosed) qb.andWhere(`a.status NOT IN ('rejected', 'withdrawn')`);
    if (q.lineManagerId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM resources.person p WHERE p.tenant_id = a.tenant_id AND p.id = a.person_id AND p.line_manager_id = :lm)',
        { lm: q.lineManagerId },
      );
    }
    const page = await paginate(qb, {
      sort: 'createdAt',
      columns: { createdAt: 'a.created_at' },
      idColumn: 'a.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row) => [row.createdAt.toISOString(), row.id],
    });
    return { items: page.items.map(toAssignmentResponse), nextCursor: page.nextCursor };
  }

  decide(req: DecideAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    const { decision } = req.body;
    const rule = DECISIONS[decision]!;
    return this.uow.run(async (tx) => {
      const a = await this.lock(tx, ctx, req.id, req.expectedVersion);
      if (!rule.from.includes(a.status)) {
        throw conflictOn('decision', `an assignment that is ${a.status} cannot be decided with ${decision}`, {
          status: a.status,
        });
      }
      if (decision === 'counter-propose') {
        const { units, startDate, endDate } = req.body;
        if (units === undefined && startDate === undefined && endDate === undefined) {
          throw new ValidationFailedError([
            { field: 'units', message: 'a counter-proposal changes units, startDate or endDate' },
          ]);
        }
        a.proposedUnits = units ?? a.units;
        a.proposedStartDate = startDate ?? a.startDate;
        a.proposedEndDate = endDate ?? a.endDate;
        checkWindow(a.proposedStartDate, a.proposedEndDate, 'endDate');
      }
      a.status = rule.to;
      a.decidedBy = ctx.actor.id;
      a.decidedAt = this.clock.now();
      a.decisionComment = req.body.comment ?? null;
      return this.bump(tx, ctx, a, rule.event);
    });
  }

  respond(req: RespondAssignmentRequest, ctx: RpcContext): Promise<AssignmentResponse> {
    return this.uow.run(async (tx) => {
      const a = await this.lock(tx, ctx, req.id, req.expectedVersion);
      if (req.body.response === 'accept') {
        if (a.status !== 'counter-proposed') {
          throw conflictOn(
            'response',
            `only a counter-proposal can be accepted; this assignment is ${a.status}`,
            { status: a.status },
          );
        }
        a.units = a.proposedUnits ?? a.units;
        a.startDate = a.proposedStartDate ?? a.startDate;
        a.endDate = a.proposedEndDate ?? a.endDate;
        a.status = 'approved';
        return this.bump(tx, ctx, a, ResourcesEvents.assignmentApproved);
      }
      if (a.status === 'rejected' || a.status === 'withdrawn') {
        throw conflictOn('response', `an assignment that is ${a.status} cannot be withdrawn`, {
          status: a.status,
        });
      }
      a.status = 'withdrawn';
      return this.bump(tx, ctx, a, ResourcesEvents.assignmentWithdrawn);
    });
  }

  /**
   * `units` as given, or `hours` turned into units of the person's working hours in the window
   * (working days minus public holidays × hours per day; leave does not count: a clash shows as
   * over-allocation), rounded up. Exactly one of the two.
   */
  private async unitsOf(
    ctx: RpcContext,
    req: CreateAssignmentRequest,
    person: PersonEntity | null,
  ): Promise<number> {
    if ((req.units === undefined) === (req.hours === undefined)) {
      throw new ValidationFailedError([{ field: 'units', message: 'give exactly one of units and hours' }]);
    }
    if (req.units !== undefined) return req.units;
    if (!person)
      throw new ValidationFailedError([
        { field: 'hours', message: 'hours are per person: give units for a team' },
      ]);
    const holidays = person.location
      ? await holidaysIn(this.dataSource, ctx.tenantId, [person.location], req.startDate, req.endDate)
      : [];
    const { availableHours } = windowHours(
      person,
      [],
      [],
      req.startDate,
      req.endDate,
      holidaysByLocation(holidays).get(person.location ?? ''),
    );
    if (availableHours <= 0) {
      throw new ValidationFailedError([
        { field: 'hours', message: 'the person has no working hours in this window' },
      ]);
    }
    const units = Math.ceil((req.hours! / availableHours) * 100);
    if (units > MAX_UNITS)
      throw new ValidationFailedError([
        { field: 'hours', message: `that is ${units}% of the person's time; at most ${MAX_UNITS}%` },
      ]);
    return units;
  }

  /** exactly one of a person (active) and a team, of the caller's tenant; the person, or null for a team */
  private async requireTarget(ctx: RpcContext, req: CreateAssignmentRequest): Promise<PersonEntity | null> {
    if ((req.personId === undefined) === (req.teamId === undefined)) {
      throw new ValidationFailedError([
        { field: 'personId', message: 'give exactly one of personId and teamId' },
      ]);
    }
    if (req.teamId) {
      const team = await this.dataSource.manager.findOneBy(TeamEntity, {
        tenantId: ctx.tenantId,
        id: req.teamId,
      });
      if (!team)
        throw new ValidationFailedError([{ field: 'teamId', message: `team ${req.teamId} does not exist` }]);
      return null;
    }
    const person = await this.people.find(ctx.tenantId, req.personId!);
    if (!person)
      throw new ValidationFailedError([
        { field: 'personId', message: `person ${req.personId} does not exist` },
      ]);
    if (!person.active)
      throw new ValidationFailedError([{ field: 'personId', message: `person ${req.personId} is inactive` }]);
    return person;
  }

  private async lock(
    tx: Tx,
    ctx: RpcContext,
    id: string,
    expectedVersion?: number,
  ): Promise<AssignmentEntity> {
    const a = await tx.manager
      .createQueryBuilder(AssignmentEntity, 'a')
      .setLock('pessimistic_write')
      .where('a.tenant_id = :tenantId AND a.id = :id', { tenantId: ctx.tenantId, id })
      .getOne();
    if (!a) throw new NotFoundError('assignment', id);
    if (expectedVersion !== undefined && expectedVersion !== a.version) {
      throw new VersionMismatchError('assignment', id, expectedVersion, a.version);
    }
    return a;
  }

  private async bump(
    tx: Tx,
    ctx: RpcContext,
    a: AssignmentEntity,
    contract: EventContract<AssignmentEvent>,
  ): Promise<AssignmentResponse> {
    a.version += 1;
    a.updatedAt = this.clock.now();
    await tx.manager.save(a);
    return this.emit(tx, ctx, a, contract);
  }

  private emit(
    tx: Tx,
    ctx: RpcContext,
    a: AssignmentEntity,
    contract: EventContract<AssignmentEvent>,
  ): AssignmentResponse {
    tx.emit(contract, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: a.id,
      version: a.version,
      data: toAssignmentEvent(a),
    });
    return toAssignmentResponse(a);
  }
}

function checkWindow(start: string, end: string, field: string): void {
  if (end < start)
    throw new ValidationFailedError([{ field, message: 'endDate must be on or after startDate' }]);
}
