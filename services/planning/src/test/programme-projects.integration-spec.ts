import { DemoTenants, ErrorCode, PlanningEvents, PlanningRpc } from '@baton/contracts';
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

async function rpcError(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    return err as RpcError;
  }
  throw new Error('expected the call to fail');
}

/** A project in a programme is in the programme's portfolio: the rules, over NATS and Postgres. */
describe('projects in programmes', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let rpc: RpcClient;
  let db: DataSource;
  let pf1: string;
  let pf2: string;
  let prog1: string; // in pf1
  let prog2: string; // in pf2

  const createProject = (body: Record<string, unknown>) =>
    rpc.send(PlanningRpc.projectCreate, { name: 'Member', ...body }, tenantA);
  const patchProject = (id: string, changes: Record<string, unknown>) =>
    rpc.send(PlanningRpc.projectUpdate, { id, changes }, tenantA);
  const expectRefused = async (p: Promise<unknown>, code: string, field: string) => {
    const err = await rpcError(p);
    expect({ code: err.code, field: err.details?.errors?.[0]?.field }).toEqual({ code, field });
    return err;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startService(AppModule.register(loadConfig(PlanningConfig, env.env())));
    rpc = app.get(RpcClient);
    db = app.get(DataSource);
    pf1 = (await rpc.send(PlanningRpc.portfolioCreate, { name: 'Portfolio 1' }, tenantA)).id;
    pf2 = (await rpc.send(PlanningRpc.portfolioCreate, { name: 'Portfolio 2' }, tenantA)).id;
    prog1 = (await rpc.send(PlanningRpc.programmeCreate, { name: 'Programme 1', portfolioId: pf1 }, tenantA))
      .id;
    prog2 = (await rpc.send(PlanningRpc.programmeCreate, { name: 'Programme 2', portfolioId: pf2 }, tenantA))
      .id;
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it("puts a project given only a programme in the programme's portfolio, and reads it back the same", async () => {
    const p = await createProject({ programmeId: prog1 });
    expect(p).toMatchObject({ programmeId: prog1, portfolioId: pf1, version: 1 });
    expect(await rpc.send(PlanningRpc.projectGet, { id: p.id }, tenantA)).toEqual(p);
    await expect(createProject({ programmeId: prog1, portfolioId: pf1 })).resolves.toMatchObject({
      portfolioId: pf1,
    });
    const outbox = (await db.query(
      `SELECT payload->'data'->>'programmeId' AS "programmeId" FROM planning.outbox
        WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`,
      [PlanningEvents.projectCreated.subject, p.id],
    )) as unknown[];
    expect(outbox).toEqual([{ programmeId: prog1 }]); // the event carries it (reporting reads it)
  });

  it("refuses a portfolioId other than the programme's with a 422 naming portfolioId, and writes nothing", async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM planning.project`);
    const err = await expectRefused(
      createProject({ programmeId: prog1, portfolioId: pf2 }),
      ErrorCode.Unprocessable,
      'portfolioId',
    );
    expect(err.message).toContain(pf1);
    expect(await db.query(`SELECT count(*)::int AS n FROM planning.project`)).toEqual(before);
  });

  it('sets the portfolio from the programme on a project without one, and refuses a programme of another portfolio', async () => {
    const loose = await createProject({});
    expect(await patchProject(loose.id, { programmeId: prog2 })).toMatchObject({
      programmeId: prog2,
      portfolioId: pf2,
      version: 2,
    });

    const inPf1 = await createProject({ portfolioId: pf1 });
    await expectRefused(
      patchProject(inPf1.id, { programmeId: prog2 }),
      ErrorCode.Unprocessable,
      'portfolioId',
    );
    // naming both moves it
    expect(await patchProject(inPf1.id, { programmeId: prog2, portfolioId: pf2 })).toMatchObject({
      programmeId: prog2,
      portfolioId: pf2,
    });
  });

  it('keeps a member in its programme’s portfolio: another or no portfolio is a 422 until the programme is cleared', async () => {
    const p = await createProject({ programmeId: prog1 });
    await expectRefused(patchProject(p.id, { portfolioId: pf2 }), ErrorCode.Unprocessable, 'portfolioId');
    await expectRefused(patchProject(p.id, { portfolioId: null }), ErrorCode.Unprocessable, 'portfolioId');
    await expectRefused(
      patchProject(p.id, { programmeId: prog2, portfolioId: null }),
      ErrorCode.Unprocessable,
      'portfolioId',
    );
    const out = await patchProject(p.id, { programmeId: null });
    expect(out).toMatchObject({ programmeId: null, portfolioId: pf1 }); // leaving the programme keeps the portfolio
    expect(await patchProject(p.id, { programmeId: null, portfolioId: null })).toMatchObject({
      portfolioId: null,
    });
  });

  it('filters the project list by programme', async () => {
    const g = (await rpc.send(PlanningRpc.programmeCreate, { name: 'Filtered', portfolioId: pf1 }, tenantA))
      .id;
    const a = await createProject({ name: 'In filtered 1', programmeId: g });
    const b = await createProject({ name: 'In filtered 2', programmeId: g });
    await createProject({ name: 'Not in it', portfolioId: pf1 });
    const page = await rpc.send(PlanningRpc.projectList, { programmeId: g, sort: 'name' }, tenantA);
    expect(page.items.map((p) => p.id)).toEqual([a.id, b.id]);
  });

  it('takes no new projects into an archived programme (409 naming programmeId), and archiving leaves its projects in it', async () => {
    const g = (
      await rpc.send(PlanningRpc.programmeCreate, { name: 'Winding down', portfolioId: pf1 }, tenantA)
    ).id;
    const member = await createProject({ programmeId: g });
    await rpc.send(PlanningRpc.programmeArchive, { id: g }, tenantA);
    await expectRefused(createProject({ programmeId: g }), ErrorCode.Conflict, 'programmeId');
    const other = await createProject({ portfolioId: pf1 });
    await expectRefused(patchProject(other.id, { programmeId: g }), ErrorCode.Conflict, 'programmeId');
    expect(await rpc.send(PlanningRpc.projectGet, { id: member.id }, tenantA)).toMatchObject({
      programmeId: g,
    });
    expect(await patchProject(member.id, { name: 'Still editable' })).toMatchObject({
      programmeId: g,
      version: 2,
    });
  });

  it('refuses to move a programme to another portfolio while it has projects (archived ones too), and moves an empty one', async () => {
    const g = await rpc.send(PlanningRpc.programmeCreate, { name: 'Moving', portfolioId: pf1 }, tenantA);
    const member = await createProject({ programmeId: g.id });
    await rpc.send(PlanningRpc.projectArchive, { id: member.id }, tenantA);
    const err = await rpcError(
      rpc.send(PlanningRpc.programmeUpdate, { id: g.id, changes: { portfolioId: pf2 } }, tenantA),
    );
    expect({
      code: err.code,
      field: err.details?.errors?.[0]?.field,
      projects: err.details?.projects,
    }).toEqual({
      code: ErrorCode.Conflict,
      field: 'portfolioId',
      projects: 1,
    });
    expect(await rpc.send(PlanningRpc.projectGet, { id: member.id }, tenantA)).toMatchObject({
      portfolioId: pf1,
    });

    const empty = await rpc.send(PlanningRpc.programmeCreate, { name: 'Empty', portfolioId: pf1 }, tenantA);
    const moved = await rpc.send(
      PlanningRpc.programmeUpdate,
      { id: empty.id, expectedVersion: 1, changes: { portfolioId: pf2 } },
      tenantA,
    );
    expect(moved).toMatchObject({ portfolioId: pf2, version: 2 });
    const unknown = await rpcError(
      rpc.send(
        PlanningRpc.programmeUpdate,
        { id: empty.id, changes: { portfolioId: '2f0e4c6a-8b1d-4e3f-a5c7-9e1b3d5f7a9c' } },
        tenantA,
      ),
    );
    expect({ code: unknown.code, field: unknown.details?.errors?.[0]?.field }).toEqual({
      code: ErrorCode.ValidationFailed,
      field: 'portfolioId',
    });
  });

  it('holds the rule in the database too: a project row cannot leave its programme’s portfolio', async () => {
    const p = await createProject({ programmeId: prog1 });
    await expect(
      db.query(`UPDATE planning.project SET portfolio_id = $1 WHERE id = $2`, [pf2, p.id]),
    ).rejects.toThrow(/project_programme_fk/);
    await expect(
      db.query(`UPDATE planning.project SET portfolio_id = NULL WHERE id = $1`, [p.id]),
    ).rejects.toThrow(/project_programme_portfolio_ck/);
    await expect(
      db.query(`UPDATE planning.programme SET portfolio_id = $1 WHERE id = $2`, [pf2, prog1]),
    ).rejects.toThrow(/project_programme_fk/);
  });
});
