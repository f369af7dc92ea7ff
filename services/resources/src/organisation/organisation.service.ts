import {
  ResourcesEvents,
  ResourcesRpc,
  type AssetList,
  type AssetResponse,
  type ContractList,
  type ContractResponse,
  type CreateAssetRequest,
  type CreateContractRequest,
  type CreateTeamRequest,
  type CreateVendorRequest,
  type EventContract,
  type OrganisationEvent,
  type NameFilterRequest,
  type TeamList,
  type TeamResponse,
  type UpdateTeamRequest,
  type VendorContractsRequest,
  type VendorList,
  type VendorResponse,
} from '@baton/contracts';
import {
  escapeLike,
  NotFoundError,
  RpcHandler,
  UnitOfWork,
  ValidationFailedError,
  type RpcContext,
  type Tx,
} from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, ILike, QueryFailedError } from 'typeorm';
import { dayNumber } from '../capacity/load.js';
import { conflictOn } from '../shared/conflict.js';
import {
  AssetEntity,
  TeamEntity,
  TeamMemberEntity,
  VendorContractEntity,
  VendorEntity,
} from './organisation.entity.js';

const AVERAGE_MONTH_DAYS = 365.25 / 12;

/** Teams, non-human resources (assets), vendors and their contracts. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  @RpcHandler(ResourcesRpc.teamCreate)
  createTeam(req: CreateTeamRequest, ctx: RpcContext): Promise<TeamResponse> {
    if (req.leadId && !req.memberIds.includes(req.leadId)) {
      throw new ValidationFailedError([{ field: 'leadId', message: 'the lead must be one of the members' }]);
    }
    return this.uow.run(async (tx) => {
      await requireMembers(tx, ctx, req.memberIds);
      const team = Object.assign(new TeamEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        description: req.description ?? null,
        leadId: req.leadId ?? null,
      });
      await this.insertUnique(
        tx,
        team,
        'team_tenant_name_uq',
        'name',
        `a team named ${req.name} already exists`,
      );
      await insertMembers(tx, ctx, team.id, req.memberIds);
      return emitTeam(tx, ctx, team, req.memberIds, ResourcesEvents.teamCreated);
    });
  }

  @RpcHandler(ResourcesRpc.teamUpdate)
  updateTeam(req: UpdateTeamRequest, ctx: RpcContext): Promise<TeamResponse> {
    return this.uow.run(async (tx) => {
      const team = await tx.manager
        .createQueryBuilder(TeamEntity, 't')
        .setLock('pessimistic_write')
        .where('t.tenant_id = :tenantId AND t.id = :id', { tenantId: ctx.tenantId, id: req.id })
        .getOne();
      if (!team) throw new NotFoundError('team', req.id);
      const c = req.changes;
      let members = (
        await tx.manager.findBy(TeamMemberEntity, { tenantId: ctx.tenantId, teamId: team.id })
      ).map((m) => m.personId);
      if (c.memberIds !== undefined) {
        await requireMembers(tx, ctx, c.memberIds);
        await tx.manager.delete(TeamMemberEntity, { tenantId: ctx.tenantId, teamId: team.id });
        await insertMembers(tx, ctx, team.id, c.memberIds);
        members = [...c.memberIds];
      }
      if (c.description !== undefined) team.description = c.description;
      if (c.leadId !== undefined) team.leadId = c.leadId;
      if (team.leadId && !members.includes(team.leadId)) {
        throw new ValidationFailedError([
          { field: 'leadId', message: 'the lead must be one of the members' },
        ]);
      }
      if (c.name !== undefined && c.name !== team.name) {
        const clash = await tx.manager.findOneBy(TeamEntity, { tenantId: ctx.tenantId, name: c.name });
        if (clash) throw conflictOn('name', `a team named ${c.name} already exists`);
        team.name = c.name;
      }
      await tx.manager.save(team);
      return emitTeam(tx, ctx, team, members, ResourcesEvents.teamUpdated);
    });
  }

  @RpcHandler(ResourcesRpc.teamList)
  async listTeams(req: NameFilterRequest, ctx: RpcContext): Promise<TeamList> {
    const rows = await this.dataSource.query<Array<TeamResponse>>(
      `SELECT t.id, t.name, t.description, t.lead_id AS "leadId",
              coalesce(array_agg(m.person_id ORDER BY m.person_id) FILTER (WHERE m.person_id IS NOT NULL), '{}') AS "memberIds"
         FROM resources.team t LEFT JOIN resources.team_member m ON m.team_id = t.id
        WHERE t.tenant_id = $1 AND ($2::text IS NULL OR t.name ILIKE $2) GROUP BY t.id ORDER BY t.name`,
      [ctx.tenantId, req.q ? `%${escapeLike(req.q)}%` : null],
    );
    return { items: rows };
  }

  @RpcHandler(ResourcesRpc.assetCreate)
  createAsset(req: CreateAssetRequest, ctx: RpcContext): Promise<AssetResponse> {
    return this.uow.run(async (tx) => {
      const asset = Object.assign(new AssetEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        ...req,
        location: req.location ?? null,
      });
      await tx.manager.insert(AssetEntity, asset);
      tx.emit(ResourcesEvents.assetCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: asset.id,
        version: 1,
        data: { id: asset.id, name: asset.name },
      });
      return toAsset(asset);
    });
  }

  @RpcHandler(ResourcesRpc.assetList)
  async listAssets(req: NameFilterRequest, ctx: RpcContext): Promise<AssetList> {
    const rows = await this.dataSource.manager.find(AssetEntity, {
      where: { tenantId: ctx.tenantId, ...nameLike(req) },
      order: { name: 'ASC', id: 'ASC' },
    });
    return { items: rows.map(toAsset) };
  }

  @RpcHandler(ResourcesRpc.vendorCreate)
  createVendor(req: CreateVendorRequest, ctx: RpcContext): Promise<VendorResponse> {
    return this.uow.run(async (tx) => {
      const vendor = Object.assign(new VendorEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        name: req.name,
        contactEmail: req.contactEmail ?? null,
        country: req.country ?? null,
      });
      await this.insertUnique(
        tx,
        vendor,
        'vendor_tenant_name_uq',
        'name',
        `a vendor named ${req.name} already exists`,
      );
      tx.emit(ResourcesEvents.vendorCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: vendor.id,
        version: 1,
        data: { id: vendor.id, name: vendor.name },
      });
      return { id: vendor.id, name: vendor.name, contactEmail: vendor.contactEmail, country: vendor.country };
    });
  }

  @RpcHandler(ResourcesRpc.vendorList)
  async listVendors(req: NameFilterRequest, ctx: RpcContext): Promise<VendorList> {
    const rows = await this.dataSource.manager.find(VendorEntity, {
      where: { tenantId: ctx.tenantId, ...nameLike(req) },
      order: { name: 'ASC' },
    });
    return {
      items: rows.map((v) => ({ id: v.id, name: v.name, contactEmail: v.contactEmail, country: v.country })),
    };
  }

  @RpcHandler(ResourcesRpc.contractCreate)
  createContract(req: CreateContractRequest, ctx: RpcContext): Promise<ContractResponse> {
    if (req.endDate < req.startDate)
      throw new ValidationFailedError([
        { field: 'endDate', message: 'endDate must be on or after startDate' },
      ]);
    return this.uow.run(async (tx) => {
      if (!(await tx.manager.findOneBy(VendorEntity, { tenantId: ctx.tenantId, id: req.vendorId })))
        throw new NotFoundError('vendor', req.vendorId);
      const contract = Object.assign(new VendorContractEntity(), {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        vendorId: req.vendorId,
        reference: req.reference,
        startDate: req.startDate,
        endDate: req.endDate,
        currency: req.currency,
        roles: req.roles.map(({ role, hourlyRate, hoursPerMonth }) => ({ role, hourlyRate, hoursPerMonth })),
        commitmentRef: req.commitmentRef ?? null,
      });
      await this.insertUnique(
        tx,
        contract,
        'vendor_contract_reference_uq',
        'reference',
        `a contract with reference ${req.reference} already exists`,
      );
      tx.emit(ResourcesEvents.contractCreated, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: contract.id,
        version: 1,
        data: { id: contract.id, name: contract.reference },
      });
      return toContract(contract);
    });
  }

  @RpcHandler(ResourcesRpc.contractList)
  async listContracts(req: VendorContractsRequest, ctx: RpcContext): Promise<ContractList> {
    if (
      !(await this.dataSource.manager.findOneBy(VendorEntity, { tenantId: ctx.tenantId, id: req.vendorId }))
    )
      throw new NotFoundError('vendor', req.vendorId);
    const rows = await this.dataSource.manager.find(VendorContractEntity, {
      where: { tenantId: ctx.tenantId, vendorId: req.vendorId },
      order: { startDate: 'ASC', id: 'ASC' },
    });
    return { items: rows.map(toContract) };
  }

  /** insert, turning the named unique index into a 409 on `field` */
  private async insertUnique(
    tx: Tx,
    row: object,
    constraint: string,
    field: string,
    message: string,
  ): Promise<void> {
    await tx.manager.query('SAVEPOINT org_insert');
    try {
      await tx.manager.insert(row.constructor, row);
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === constraint
      ) {
        await tx.manager.query('ROLLBACK TO SAVEPOINT org_insert');
        throw conflictOn(field, message);
      }
      throw err;
    }
  }
}

/** `name ILIKE %q%` when the caller filters by name */
export const nameLike = (req: NameFilterRequest) => (req.q ? { name: ILike(`%${escapeLike(req.q)}%`) } : {});

async function insertMembers(tx: Tx, ctx: RpcContext, teamId: string, personIds: string[]): Promise<void> {
  const rows = personIds.map((personId) =>
    Object.assign(new TeamMemberEntity(), { tenantId: ctx.tenantId, teamId, personId }),
  );
  if (rows.length) await tx.manager.insert(TeamMemberEntity, rows);
}

/** records the team's event and answers it; teams carry no version, so events say 1 */
function emitTeam(
  tx: Tx,
  ctx: RpcContext,
  team: TeamEntity,
  members: string[],
  contract: EventContract<OrganisationEvent>,
): TeamResponse {
  tx.emit(contract, {
    tenantId: ctx.tenantId,
    actor: ctx.actor,
    aggregateId: team.id,
    version: 1,
    data: { id: team.id, name: team.name },
  });
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    leadId: team.leadId,
    memberIds: [...members].sort(),
  };
}

/** every id a person of the caller's tenant, or 400 naming the first that is not */
async function requireMembers(tx: Tx, ctx: RpcContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.manager.query<Array<{ id: string }>>(
    `SELECT id FROM resources.person WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [ctx.tenantId, ids],
  );
  const known = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0)
    throw new ValidationFailedError([
      { field: `memberIds.${missing}`, message: `person ${ids[missing]} does not exist` },
    ]);
}

const toAsset = (a: AssetEntity): AssetResponse => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  capacity: a.capacity,
  unit: a.unit,
  location: a.location,
});

function toContract(c: VendorContractEntity): ContractResponse {
  const months = (dayNumber(c.endDate) - dayNumber(c.startDate) + 1) / AVERAGE_MONTH_DAYS;
  const monthly = c.roles.reduce((s, r) => s + r.hourlyRate * r.hoursPerMonth, 0);
  return {
    id: c.id,
    vendorId: c.vendorId,
    reference: c.reference,
    startDate: c.startDate,
    endDate: c.endDate,
    currency: c.currency,
    roles: c.roles,
    commitmentRef: c.commitmentRef,
    ceilingAmount: Math.round(monthly * months * 100) / 100,
  };
}
