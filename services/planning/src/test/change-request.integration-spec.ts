import {
  DemoTenants,
  ErrorCode,
  PlanningChangeRequestEvents,
  PlanningChangeRequestRpc,
  PlanningRpc,
} from '@baton/contracts';
import {
  loadConfig,
  NatsClient,
  RpcClient,
  RpcError,
  streamName,
  type RpcCallContext,
} from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PlanningConfig } from '../config/env.js';

const pm: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'alice', roles: ['project-manager'] },
};
const sponsor: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'carol', roles: ['portfolio-manager'] },
};
const otherTenant: RpcCallContext = {
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

const fields = (err: RpcError) => err.details?.errors?.map((e) => e.field) ?? [];

describe('change requests: workflow and decision audit (planning over NATS and Postgres)', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let rpc: RpcClient;
  let db: DataSource;
  let projectId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startService(AppModule.register(loadConfig(PlanningConfig, env.env())));
    rpc = app.get(RpcClient);
    db = app.get(DataSource);
    projectId = (await rpc.send(PlanningRpc.projectCreate, { name: 'Portal' }, pm)).id;
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  const draft = (extra: object = {}) =>
    rpc.send(
      PlanningChangeRequestRpc.changeRequestCreate,
      {
        projectId,
        kind: 'cost',
        title: 'Add SSO',
        costImpact: { amount: 1_250_000, currency: 'EUR' },
        scheduleImpactDays: 5,
        ...extra,
      },
      pm,
    );

  it('creates a draft, edits it, submits and approves it, recording who and when at each step', async () => {
    const cr = await draft({ description: 'customers ask for it' });
    expect(cr).toMatchObject({
      projectId,
      kind: 'cost',
      state: 'draft',
      costImpact: { amount: 1_250_000, currency: 'EUR' },
      scheduleImpactDays: 5,
      createdBy: 'alice',
      submittedBy: null,
      decidedBy: null,
      rebaseline: false,
      baselineId: null,
      version: 1,
    });
    const edited = await rpc.send(
      PlanningChangeRequestRpc.changeRequestUpdate,
      { id: cr.id, expectedVersion: 1, changes: { scheduleImpactDays: -2, description: null } },
      pm,
    );
    expect(edited).toMatchObject({ scheduleImpactDays: -2, description: null, version: 2 });

    const submitted = await rpc.send(
      PlanningChangeRequestRpc.changeRequestSubmit,
      { id: cr.id, expectedVersion: 2 },
      pm,
    );
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: 'alice', version: 3 });
    expect(Date.parse(submitted.submittedAt!)).not.toBeNaN();

    const approved = await rpc.send(
      PlanningChangeRequestRpc.changeRequestApprove,
      { id: cr.id, expectedVersion: 3, comment: 'worth it' },
      sponsor,
    );
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: 'carol',
      decisionComment: 'worth it',
      rebaseline: false,
      version: 4,
    });
    expect(Date.parse(approved.decidedAt!)).toBeGreaterThanOrEqual(Date.parse(submitted.submittedAt!));
    expect(await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: cr.id }, pm)).toEqual(approved);

    const history = await rpc.send(PlanningChangeRequestRpc.changeRequestHistory, { id: cr.id }, pm);
    expect(history.items.map((h) => [h.version, h.action, h.fromState, h.toState, h.actorId])).toEqual([
      [1, 'created', null, 'draft', 'alice'],
      [2, 'updated', 'draft', 'draft', 'alice'],
      [3, 'submitted', 'draft', 'submitted', 'alice'],
      [4, 'approved', 'submitted', 'approved', 'carol'],
    ]);
    expect(history.items[3]).toMatchObject({
      comment: 'worth it',
      actorRoles: ['portfolio-manager'],
      at: approved.decidedAt,
    });
  });

  it('rejects a submitted change request with a required reason', async () => {
    const cr = await draft();
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
    const noReason = await rpcError(
      rpc.send(PlanningChangeRequestRpc.changeRequestReject, { id: cr.id } as never, sponsor),
    );
    expect(noReason.code).toBe(ErrorCode.ValidationFailed);
    expect(fields(noReason)).toEqual(['comment']);
    const rejected = await rpc.send(
      PlanningChangeRequestRpc.changeRequestReject,
      { id: cr.id, comment: 'no budget left' },
      sponsor,
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      decidedBy: 'carol',
      decisionComment: 'no budget left',
    });
    const history = await rpc.send(
      PlanningChangeRequestRpc.changeRequestHistory,
      { id: cr.id, limit: 2 },
      pm,
    );
    expect(history.items.map((h) => h.action)).toEqual(['created', 'submitted']);
    const rest = await rpc.send(
      PlanningChangeRequestRpc.changeRequestHistory,
      { id: cr.id, limit: 2, cursor: history.nextCursor! },
      pm,
    );
    expect(rest.items.map((h) => [h.action, h.actorId, h.comment])).toEqual([
      ['rejected', 'carol', 'no budget left'],
    ]);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses every illegal transition with 409 naming the current state, and changes nothing', async () => {
    const cr = await draft();
    const expectState = async (p: Promise<unknown>, state: string) => {
      const err = await rpcError(p);
      expect(err.code).toBe(ErrorCode.Conflict);
      expect(err.message).toContain(`is ${state}`);
      expect(err.details?.currentState).toBe(state);
      expect(fields(err)).toEqual(['state']);
    };
    await expectState(
      rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: cr.id }, sponsor),
      'draft',
    );
    await expectState(
      rpc.send(PlanningChangeRequestRpc.changeRequestReject, { id: cr.id, comment: 'x' }, sponsor),
      'draft',
    );
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
    await expectState(rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm), 'submitted');
    await expectState(
      rpc.send(PlanningChangeRequestRpc.changeRequestUpdate, { id: cr.id, changes: { title: 'sneaky' } }, pm),
      'submitted',
    );
    await rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: cr.id }, sponsor);
    await expectState(
      rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: cr.id }, sponsor),
      'approved',
    );
    await expectState(
      rpc.send(
        PlanningChangeRequestRpc.changeRequestReject,
        { id: cr.id, comment: 'changed my mind' },
        sponsor,
      ),
      'approved',
    );
    await expectState(rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm), 'approved');
    const after = await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: cr.id }, pm);
    expect(after).toMatchObject({ state: 'approved', title: 'Add SSO', version: 3 });
    const history = await rpc.send(PlanningChangeRequestRpc.changeRequestHistory, { id: cr.id }, pm);
    expect(history.items).toHaveLength(3);

    const stale = await rpcError(
      rpc.send(
        PlanningChangeRequestRpc.changeRequestSubmit,
        { id: (await draft()).id, expectedVersion: 7 },
        pm,
      ),
    );
    expect(stale.code).toBe(ErrorCode.VersionMismatch);
  });

  it('validates kinds, impacts and money, naming the field, and asks for the impact its kind is about before submitting', async () => {
    const kind = await rpcError(draft({ kind: 'budget' }));
    expect(fields(kind)).toEqual(['kind']);
    const currency = await rpcError(draft({ costImpact: { amount: 10, currency: 'euro' } }));
    expect(fields(currency)).toEqual(['costImpact.currency']);
    const amount = await rpcError(draft({ costImpact: { amount: 10.5, currency: 'EUR' } }));
    expect(fields(amount)).toEqual(['costImpact.amount']);
    const days = await rpcError(draft({ scheduleImpactDays: 'soon' }));
    expect(fields(days)).toEqual(['scheduleImpactDays']);

    const schedule = await rpc.send(
      PlanningChangeRequestRpc.changeRequestCreate,
      { projectId, kind: 'schedule', title: 'Slip go-live' },
      pm,
    );
    const early = await rpcError(
      rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: schedule.id }, pm),
    );
    expect(early.code).toBe(ErrorCode.ValidationFailed);
    expect(fields(early)).toEqual(['scheduleImpactDays']);
    expect((await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: schedule.id }, pm)).state).toBe(
      'draft',
    );
    const cost = await draft({ costImpact: undefined });
    const costly = await rpcError(
      rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cost.id }, pm),
    );
    expect(fields(costly)).toEqual(['costImpact']);
    const cleared = await rpc.send(
      PlanningChangeRequestRpc.changeRequestUpdate,
      { id: cost.id, changes: { costImpact: { amount: -500, currency: 'USD' } } },
      pm,
    );
    expect(cleared.costImpact).toEqual({ amount: -500, currency: 'USD' });
    await expect(
      rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cost.id }, pm),
    ).resolves.toMatchObject({ state: 'submitted' });
  });

  it("lists a project's change requests by state and kind with cursors", async () => {
    const own = (await rpc.send(PlanningRpc.projectCreate, { name: 'Listing' }, pm)).id;
    const make = (kind: string, title: string) =>
      rpc.send(
        PlanningChangeRequestRpc.changeRequestCreate,
        {
          projectId: own,
          kind: kind as never,
          title,
          scheduleImpactDays: 1,
          costImpact: { amount: 1, currency: 'EUR' },
        },
        pm,
      );
    const a = await make('scope', 'a');
    await make('cost', 'b');
    const c = await make('schedule', 'c');
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: a.id }, pm);
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: c.id }, pm);
    const submitted = await rpc.send(
      PlanningChangeRequestRpc.changeRequestList,
      { projectId: own, state: ['submitted'] },
      pm,
    );
    expect(submitted.items.map((x) => x.title)).toEqual(['a', 'c']);
    const kinds = await rpc.send(
      PlanningChangeRequestRpc.changeRequestList,
      { projectId: own, kind: ['cost', 'scope'], sort: '-createdAt' },
      pm,
    );
    expect(kinds.items.map((x) => x.title)).toEqual(['b', 'a']);
    const first = await rpc.send(
      PlanningChangeRequestRpc.changeRequestList,
      { projectId: own, limit: 2 },
      pm,
    );
    const second = await rpc.send(
      PlanningChangeRequestRpc.changeRequestList,
      { projectId: own, limit: 2, cursor: first.nextCursor! },
      pm,
    );
    expect([...first.items, ...second.items].map((x) => x.title)).toEqual(['a', 'b', 'c']);
    expect(second.nextCursor).toBeNull();
  });

  it("keeps tenants apart: another tenant gets NOT_FOUND for the request, its history, its project's list and every transition", async () => {
    const cr = await draft();
    const notFound = async (p: Promise<unknown>) => expect((await rpcError(p)).code).toBe(ErrorCode.NotFound);
    await notFound(rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: cr.id }, otherTenant));
    await notFound(rpc.send(PlanningChangeRequestRpc.changeRequestHistory, { id: cr.id }, otherTenant));
    await notFound(rpc.send(PlanningChangeRequestRpc.changeRequestList, { projectId }, otherTenant));
    await notFound(
      rpc.send(
        PlanningChangeRequestRpc.changeRequestCreate,
        { projectId, kind: 'scope', title: 'x' },
        otherTenant,
      ),
    );
    await notFound(
      rpc.send(
        PlanningChangeRequestRpc.changeRequestUpdate,
        { id: cr.id, changes: { title: 'x' } },
        otherTenant,
      ),
    );
    await notFound(rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, otherTenant));
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
    await notFound(rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: cr.id }, otherTenant));
    await notFound(
      rpc.send(PlanningChangeRequestRpc.changeRequestReject, { id: cr.id, comment: 'x' }, otherTenant),
    );
    expect((await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: cr.id }, pm)).state).toBe(
      'submitted',
    );
  });

  it("writes each step's event to the outbox with the change, relays it to JetStream, and keeps the audit append-only", async () => {
    const cr = await draft();
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
    await rpc.send(PlanningChangeRequestRpc.changeRequestReject, { id: cr.id, comment: 'not now' }, sponsor);
    const rows = (await db.query(
      `SELECT subject, payload->'aggregate'->>'version' AS version FROM planning.outbox WHERE payload->'aggregate'->>'id' = $1 ORDER BY (payload->'aggregate'->>'version')::int`,
      [cr.id],
    )) as { subject: string; version: string }[];
    expect(rows.map((r) => [r.subject, r.version])).toEqual([
      [PlanningChangeRequestEvents.changeRequestCreated.subject, '1'],
      [PlanningChangeRequestEvents.changeRequestSubmitted.subject, '2'],
      [PlanningChangeRequestEvents.changeRequestRejected.subject, '3'],
    ]);
    // the relay publishes the decision to JetStream with Nats-Msg-Id = the outbox row's id
    const [rejected] = (await db.query(
      `SELECT id FROM planning.outbox WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`,
      [PlanningChangeRequestEvents.changeRequestRejected.subject, cr.id],
    )) as { id: string }[];
    await waitFor(
      async () =>
        (await db.query(`SELECT published_at FROM planning.outbox WHERE id = $1`, [rejected!.id]))[0]
          .published_at !== null,
      { what: 'the relay to publish the rejection' },
    );
    const nats = app.get(NatsClient);
    const jsm = await jetstreamManager(nats.connection);
    const msg = await jsm.streams.getMessage(streamName(env.subjectPrefix), {
      last_by_subj: nats.subject(PlanningChangeRequestEvents.changeRequestRejected.subject),
    });
    expect(msg!.header.get('Nats-Msg-Id')).toBe(rejected!.id);
    expect(msg!.json<{ data: { id: string; state: string; decidedBy: string } }>().data).toMatchObject({
      id: cr.id,
      state: 'rejected',
      decidedBy: 'carol',
    });
    await expect(
      db.query(`UPDATE planning.change_request_event SET actor_id = 'mallory' WHERE change_request_id = $1`, [
        cr.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM planning.change_request_event WHERE change_request_id = $1`, [cr.id]),
    ).rejects.toThrow(/append-only/);
  });
});
