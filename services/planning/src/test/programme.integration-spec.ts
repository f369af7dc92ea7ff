import {
  DemoTenants,
  ErrorCode,
  PlanningEvents,
  PlanningRpc,
  type ProgrammeResponse,
} from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PlanningConfig } from '../config/env.js';

const tenantA: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'alice', roles: ['portfolio-manager'] },
};
const tenantB: RpcCallContext = {
  tenantId: DemoTenants.other.id,
  actor: { id: 'bob', roles: ['pmo-admin'] },
};

async function rpcError(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    return err as RpcError;
  }
  throw new Error('expected the call to fail');
}

/** Programmes (portfolio → programme → project) over NATS against real Postgres. */
describe('planning programmes', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let rpc: RpcClient;
  let db: DataSource;

  const portfolio = async (name: string, ctx = tenantA) =>
    (await rpc.send(PlanningRpc.portfolioCreate, { name }, ctx)).id;
  const programme = (body: { name: string; portfolioId: string; code?: string }, ctx = tenantA) =>
    rpc.send(PlanningRpc.programmeCreate, body, ctx);
  const fieldOf = (err: RpcError) => err.details?.errors?.map((e) => e.field);

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startService(AppModule.register(loadConfig(PlanningConfig, env.env())));
    rpc = app.get(RpcClient);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('creates, reads, lists, updates with a version check and archives a programme, each change an event in the outbox', async () => {
    const pf = await portfolio('Finance');
    const created = await programme({ name: 'Finance transformation', portfolioId: pf, code: 'FIN-TX' });
    expect(created).toMatchObject({
      name: 'Finance transformation',
      code: 'FIN-TX',
      portfolioId: pf,
      description: null,
      status: 'active',
      version: 1,
      archivedAt: null,
    });
    expect(await rpc.send(PlanningRpc.programmeGet, { id: created.id }, tenantA)).toEqual(created);

    const updated = await rpc.send(
      PlanningRpc.programmeUpdate,
      { id: created.id, expectedVersion: 1, changes: { description: 'Close the books faster', code: null } },
      tenantA,
    );
    expect(updated).toMatchObject({ description: 'Close the books faster', code: null, version: 2 });
    // nothing changed: no new version, no event
    const same = await rpc.send(
      PlanningRpc.programmeUpdate,
      { id: created.id, changes: { name: created.name } },
      tenantA,
    );
    expect(same.version).toBe(2);

    const stale = await rpcError(
      rpc.send(
        PlanningRpc.programmeUpdate,
        { id: created.id, expectedVersion: 1, changes: { name: 'x' } },
        tenantA,
      ),
    );
    expect(stale.code).toBe(ErrorCode.VersionMismatch);

    const archived = await rpc.send(
      PlanningRpc.programmeArchive,
      { id: created.id, expectedVersion: 2 },
      tenantA,
    );
    expect(archived).toMatchObject({ status: 'archived', version: 3 });
    expect(archived.archivedAt).not.toBeNull();
    expect((await rpc.send(PlanningRpc.programmeArchive, { id: created.id }, tenantA)).version).toBe(3);
    const frozen = await rpcError(
      rpc.send(PlanningRpc.programmeUpdate, { id: created.id, changes: { name: 'y' } }, tenantA),
    );
    expect(frozen.code).toBe(ErrorCode.Conflict);

    const rows = (await db.query(
      `SELECT subject, payload->'data'->>'version' AS version FROM planning.outbox
        WHERE payload->'aggregate'->>'id' = $1 ORDER BY created_at, id`,
      [created.id],
    )) as { subject: string; version: string }[];
    expect(rows).toEqual([
      { subject: PlanningEvents.programmeCreated.subject, version: '1' },
      { subject: PlanningEvents.programmeUpdated.subject, version: '2' },
      { subject: PlanningEvents.programmeArchived.subject, version: '3' },
    ]);
    expect(PlanningEvents.programmeCreated.subject).toBe('baton.v1.events.planning.programme.created');
  });

  it('lists by portfolio, name or code, sorted, with cursors; archived ones only when asked', async () => {
    const tenant = { ...tenantA, tenantId: '6c0d9e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6' };
    const one = await portfolio('One', tenant);
    const two = await portfolio('Two', tenant);
    for (const name of ['Prog C', 'Prog A', 'Prog B']) await programme({ name, portfolioId: one }, tenant);
    const other = await programme({ name: 'Elsewhere', portfolioId: two, code: 'ELSE-1' }, tenant);
    await rpc.send(PlanningRpc.programmeArchive, { id: other.id }, tenant);

    const seen: ProgrammeResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc.send(PlanningRpc.programmeList, { sort: 'name', limit: 2, cursor }, tenant);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((g) => g.name)).toEqual(['Prog A', 'Prog B', 'Prog C']);

    const inOne = await rpc.send(PlanningRpc.programmeList, { portfolioId: one, sort: '-name' }, tenant);
    expect(inOne.items.map((g) => g.name)).toEqual(['Prog C', 'Prog B', 'Prog A']);
    const inTwo = await rpc.send(
      PlanningRpc.programmeList,
      { portfolioId: two, includeArchived: true },
      tenant,
    );
    expect(inTwo.items.map((g) => g.id)).toEqual([other.id]);
    const byCode = await rpc.send(PlanningRpc.programmeList, { q: 'else-', includeArchived: true }, tenant);
    expect(byCode.items.map((g) => g.id)).toEqual([other.id]);
  });

  it('keeps tenants apart: another tenant gets NOT_FOUND, never sees it listed, and cannot use it or its portfolio', async () => {
    const pf = await portfolio('A portfolio');
    const g = await programme({ name: 'Secret programme', portfolioId: pf });
    for (const call of [
      rpc.send(PlanningRpc.programmeGet, { id: g.id }, tenantB),
      rpc.send(PlanningRpc.programmeUpdate, { id: g.id, changes: { name: 'mine' } }, tenantB),
      rpc.send(PlanningRpc.programmeArchive, { id: g.id }, tenantB),
    ]) {
      expect((await rpcError(call)).code).toBe(ErrorCode.NotFound);
    }
    expect(
      (await rpc.send(PlanningRpc.programmeList, { q: 'Secret', limit: 100 }, tenantB)).items,
    ).toHaveLength(0);

    // another tenant's portfolio under a programme, or programme under a project: unknown, as for portfolioId
    const inOther = await rpcError(programme({ name: 'sneaky', portfolioId: pf }, tenantB));
    expect(inOther.code).toBe(ErrorCode.ValidationFailed);
    expect(fieldOf(inOther)).toEqual(['portfolioId']);
    const project = await rpcError(
      rpc.send(PlanningRpc.projectCreate, { name: 'sneaky', programmeId: g.id }, tenantB),
    );
    expect(project.code).toBe(ErrorCode.ValidationFailed);
    expect(fieldOf(project)).toEqual(['programmeId']);
    expect(project.message + JSON.stringify(project.details)).not.toMatch(/Secret/);
    const unknown = await rpcError(
      rpc.send(
        PlanningRpc.projectCreate,
        { name: 'x', programmeId: '0b7e2d8c-1f5a-4c3e-9d6b-2a4c6e8f0a1b' },
        tenantA,
      ),
    );
    expect(unknown.code).toBe(ErrorCode.ValidationFailed);
    expect(fieldOf(unknown)).toEqual(['programmeId']);
  });

  it('refuses a duplicate code among the tenant’s programmes, not in another tenant, and a programme in an archived portfolio', async () => {
    const pf = await portfolio('Codes');
    await programme({ name: 'one', portfolioId: pf, code: 'PRG-DUP' });
    const dup = await rpcError(programme({ name: 'two', portfolioId: pf, code: 'PRG-DUP' }));
    expect(dup.code).toBe(ErrorCode.Conflict);
    expect(dup.details?.errors?.[0]?.field).toBe('code');
    await expect(
      programme({ name: 'three', portfolioId: await portfolio('B', tenantB), code: 'PRG-DUP' }, tenantB),
    ).resolves.toMatchObject({ code: 'PRG-DUP' });

    const closed = await portfolio('Closed');
    await rpc.send(PlanningRpc.portfolioArchive, { id: closed }, tenantA);
    const late = await rpcError(programme({ name: 'late', portfolioId: closed }));
    expect(late.code).toBe(ErrorCode.Conflict);
    expect(late.details?.errors?.[0]?.field).toBe('portfolioId');
    const missing = await rpcError(
      rpc.send(PlanningRpc.programmeCreate, { name: 'no portfolio' } as never, tenantA),
    );
    expect(missing.code).toBe(ErrorCode.ValidationFailed);
    expect(fieldOf(missing)).toContain('portfolioId');
  });
});
