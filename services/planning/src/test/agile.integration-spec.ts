import { DemoTenants, ErrorCode, PlanningAgileEvents, PlanningAgileRpc, PlanningRpc } from '@baton/contracts';
import { loadConfig, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import {
  createTestEnvironment,
  pendingSchemaChanges,
  startService,
  type TestEnvironment,
} from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PlanningConfig } from '../config/env.js';

const tenantA: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'alice', roles: ['project-manager'] },
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

const fields = (err: RpcError) => err.details?.errors?.map((e) => e.field) ?? [];

describe('agile planning: backlog items and sprints (planning over NATS and Postgres)', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let rpc: RpcClient;
  let db: DataSource;

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

  const newProject = async (ctx = tenantA) =>
    (await rpc.send(PlanningRpc.projectCreate, { name: 'Agile one' }, ctx)).id;
  const item = (projectId: string, title: string, storyPoints: number | null = null, ctx = tenantA) =>
    rpc.send(PlanningAgileRpc.backlogItemCreate, { projectId, title, storyPoints }, ctx);
  const sprint = (projectId: string, startDate: string, endDate: string, capacity = 20, name = 'Sprint') =>
    rpc.send(PlanningAgileRpc.sprintCreate, { projectId, name, startDate, endDate, capacity }, tenantA);

  it('has entities that match the migrations (no schema drift)', async () => {
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });

  it('creates backlog items at the bottom, reads, updates with a version check, and lists them in rank order', async () => {
    const projectId = await newProject();
    const a = await item(projectId, 'Login', 3);
    const b = await item(projectId, 'Checkout', 8);
    expect(a).toMatchObject({
      projectId,
      title: 'Login',
      storyPoints: 3,
      status: 'todo',
      sprintId: null,
      version: 1,
    });
    expect(b.rank).toBeGreaterThan(a.rank);
    expect(await rpc.send(PlanningAgileRpc.backlogItemGet, { id: a.id }, tenantA)).toEqual(a);

    const done = await rpc.send(
      PlanningAgileRpc.backlogItemUpdate,
      { id: a.id, expectedVersion: 1, changes: { status: 'done' } },
      tenantA,
    );
    expect(done).toMatchObject({ status: 'done', version: 2 });
    expect(done.doneAt).not.toBeNull();
    const stale = await rpcError(
      rpc.send(
        PlanningAgileRpc.backlogItemUpdate,
        { id: a.id, expectedVersion: 1, changes: { title: 'x' } },
        tenantA,
      ),
    );
    expect(stale.code).toBe(ErrorCode.VersionMismatch);
    const reopened = await rpc.send(
      PlanningAgileRpc.backlogItemUpdate,
      { id: a.id, changes: { status: 'in-progress' } },
      tenantA,
    );
    expect(reopened).toMatchObject({ status: 'in-progress', doneAt: null, version: 3 });

    const list = await rpc.send(PlanningAgileRpc.backlogItemList, { projectId }, tenantA);
    expect(list.items.map((i) => i.title)).toEqual(['Login', 'Checkout']);
    const filtered = await rpc.send(
      PlanningAgileRpc.backlogItemList,
      { projectId, status: ['todo'] },
      tenantA,
    );
    expect(filtered.items.map((i) => i.title)).toEqual(['Checkout']);
  });

  it('refuses story points off the scale and empty titles, naming the field, and writes nothing', async () => {
    const projectId = await newProject();
    const before = await db.query(`SELECT count(*)::int AS n FROM planning.backlog_item`);
    const points = await rpcError(item(projectId, 'Seven', 7));
    expect(points.code).toBe(ErrorCode.ValidationFailed);
    expect(fields(points)).toEqual(['storyPoints']);
    const title = await rpcError(item(projectId, ''));
    expect(fields(title)).toEqual(['title']);
    const status = await rpcError(
      rpc.send(
        PlanningAgileRpc.backlogItemCreate,
        { projectId, title: 't', status: 'doing' as never },
        tenantA,
      ),
    );
    expect(fields(status)).toEqual(['status']);
    expect(await db.query(`SELECT count(*)::int AS n FROM planning.backlog_item`)).toEqual(before);
  });

  it('moves an item above or below another, renumbering when the gap is used up, and pages in rank order', async () => {
    const projectId = await newProject();
    const [a, b, c] = [await item(projectId, 'A'), await item(projectId, 'B'), await item(projectId, 'C')];
    const titles = async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await rpc.send(
          PlanningAgileRpc.backlogItemList,
          { projectId, limit: 2, cursor },
          tenantA,
        );
        seen.push(...page.items.map((i) => i.title));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const moved = await rpc.send(
      PlanningAgileRpc.backlogItemMove,
      { id: c.id, beforeId: a.id, expectedVersion: 1 },
      tenantA,
    );
    expect(moved.version).toBe(2);
    expect(await titles()).toEqual(['C', 'A', 'B']);
    await rpc.send(PlanningAgileRpc.backlogItemMove, { id: c.id, afterId: b.id }, tenantA);
    expect(await titles()).toEqual(['A', 'B', 'C']);
    // bisect the same gap until it runs out: the order must survive the renumbering
    let top = a;
    for (let k = 0; k < 12; k++) {
      const x = await item(projectId, `X${k}`);
      await rpc.send(PlanningAgileRpc.backlogItemMove, { id: x.id, afterId: top.id }, tenantA);
      top = x;
    }
    const order = await titles();
    expect(order.slice(0, 2)).toEqual(['A', 'X0']);
    expect(order.slice(-3)).toEqual(['X11', 'B', 'C']);
    expect(order).toHaveLength(15);

    const both = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemMove, { id: a.id, beforeId: b.id, afterId: c.id }, tenantA),
    );
    expect(fields(both)).toEqual(['beforeId']);
    const self = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemMove, { id: a.id, afterId: a.id }, tenantA),
    );
    expect(fields(self)).toEqual(['afterId']);
    const other = await item(await newProject(), 'elsewhere');
    const foreign = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemMove, { id: a.id, beforeId: other.id }, tenantA),
    );
    expect(foreign.code).toBe(ErrorCode.Unprocessable);
    expect(fields(foreign)).toEqual(['beforeId']);
  });

  it('creates sprints with end after start and refuses overlapping dates with 409 naming the dates', async () => {
    const projectId = await newProject();
    const s1 = await sprint(projectId, '2027-01-04', '2027-01-15');
    expect(s1).toMatchObject({
      state: 'planned',
      capacity: 20,
      committedPoints: 0,
      itemCount: 0,
      overCommitted: false,
      completedPoints: null,
      version: 1,
    });
    const backwards = await rpcError(sprint(projectId, '2027-02-10', '2027-02-01'));
    expect(backwards.code).toBe(ErrorCode.ValidationFailed);
    expect(fields(backwards)).toEqual(['endDate']);
    const sameDay = await rpcError(sprint(projectId, '2027-02-10', '2027-02-10'));
    expect(fields(sameDay)).toEqual(['endDate']);
    const overlap = await rpcError(sprint(projectId, '2027-01-15', '2027-01-29'));
    expect(overlap.code).toBe(ErrorCode.Conflict);
    expect(fields(overlap)).toEqual(['startDate', 'endDate']);
    expect(overlap.details?.conflictingSprintId).toBe(s1.id);
    const s2 = await sprint(projectId, '2027-01-18', '2027-01-29');
    const moveInto = await rpcError(
      rpc.send(PlanningAgileRpc.sprintUpdate, { id: s2.id, changes: { startDate: '2027-01-10' } }, tenantA),
    );
    expect(moveInto.code).toBe(ErrorCode.Conflict);
    // another project may use the same dates
    await expect(sprint(await newProject(), '2027-01-04', '2027-01-15')).resolves.toMatchObject({
      state: 'planned',
    });
    const capacity = await rpcError(
      rpc.send(
        PlanningAgileRpc.sprintCreate,
        { projectId, name: 'n', startDate: '2027-03-01', endDate: '2027-03-12', capacity: -1 },
        tenantA,
      ),
    );
    expect(fields(capacity)).toEqual(['capacity']);
  });

  it('commits items within capacity, refuses going over (409 naming capacity) unless allowOverCapacity, and shows overCommitted', async () => {
    const projectId = await newProject();
    const s = await sprint(projectId, '2027-01-04', '2027-01-15', 10);
    const [a, b, c] = [
      await item(projectId, 'a', 5),
      await item(projectId, 'b', 3),
      await item(projectId, 'c', 8),
    ];
    const committed = await rpc.send(
      PlanningAgileRpc.sprintCommit,
      { id: s.id, itemIds: [a.id, b.id], expectedVersion: 1 },
      tenantA,
    );
    expect(committed).toMatchObject({ committedPoints: 8, itemCount: 2, overCommitted: false, version: 2 });
    expect((await rpc.send(PlanningAgileRpc.backlogItemGet, { id: a.id }, tenantA)).sprintId).toBe(s.id);

    const over = await rpcError(
      rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: [c.id] }, tenantA),
    );
    expect(over.code).toBe(ErrorCode.Conflict);
    expect(fields(over)).toEqual(['capacity']);
    expect((await rpc.send(PlanningAgileRpc.backlogItemGet, { id: c.id }, tenantA)).sprintId).toBeNull();
    const viaPatch = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: c.id, changes: { sprintId: s.id } }, tenantA),
    );
    expect(fields(viaPatch)).toEqual(['capacity']);

    const forced = await rpc.send(
      PlanningAgileRpc.sprintCommit,
      { id: s.id, itemIds: [c.id], allowOverCapacity: true },
      tenantA,
    );
    expect(forced).toMatchObject({ committedPoints: 16, itemCount: 3, overCommitted: true });

    const stranger = await item(await newProject(), 'not here', 1);
    const unknown = await rpcError(
      rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: [stranger.id] }, tenantA),
    );
    expect(unknown.code).toBe(ErrorCode.Unprocessable);
    expect(fields(unknown)).toEqual(['itemIds']);

    const out = await rpc.send(
      PlanningAgileRpc.backlogItemUpdate,
      { id: c.id, changes: { sprintId: null } },
      tenantA,
    );
    expect(out.sprintId).toBeNull();
    expect(await rpc.send(PlanningAgileRpc.sprintGet, { id: s.id }, tenantA)).toMatchObject({
      committedPoints: 8,
      overCommitted: false,
    });
    const onlyInSprint = await rpc.send(
      PlanningAgileRpc.backlogItemList,
      { projectId, sprintId: s.id },
      tenantA,
    );
    expect(onlyInSprint.items.map((i) => i.title).sort()).toEqual(['a', 'b']);
    const unassigned = await rpc.send(
      PlanningAgileRpc.backlogItemList,
      { projectId, unassigned: true },
      tenantA,
    );
    expect(unassigned.items.map((i) => i.title)).toEqual(['c']);
  });

  it('walks planned → active → closed, one active sprint per project, refusing illegal moves with 409 naming the state', async () => {
    const projectId = await newProject();
    const s1 = await sprint(projectId, '2027-01-04', '2027-01-15', 20, 'S1');
    const s2 = await sprint(projectId, '2027-01-18', '2027-01-29', 20, 'S2');
    const notActive = await rpcError(rpc.send(PlanningAgileRpc.sprintClose, { id: s1.id }, tenantA));
    expect(notActive.code).toBe(ErrorCode.Conflict);
    expect(notActive.message).toContain('is planned');
    expect(notActive.details?.currentState).toBe('planned');

    const started = await rpc.send(PlanningAgileRpc.sprintStart, { id: s1.id, expectedVersion: 1 }, tenantA);
    expect(started).toMatchObject({ state: 'active', version: 2 });
    expect(started.startedAt).not.toBeNull();
    const twice = await rpcError(rpc.send(PlanningAgileRpc.sprintStart, { id: s1.id }, tenantA));
    expect(twice.details?.currentState).toBe('active');
    const second = await rpcError(rpc.send(PlanningAgileRpc.sprintStart, { id: s2.id }, tenantA));
    expect(second.code).toBe(ErrorCode.Conflict);
    expect(second.details?.activeSprintId).toBe(s1.id);
    const redate = await rpcError(
      rpc.send(PlanningAgileRpc.sprintUpdate, { id: s1.id, changes: { endDate: '2027-01-16' } }, tenantA),
    );
    expect(redate.details?.currentState).toBe('active');
    expect(fields(redate)).toEqual(['endDate']);
    const renamed = await rpc.send(
      PlanningAgileRpc.sprintUpdate,
      { id: s1.id, changes: { goal: 'ship login', capacity: 25 } },
      tenantA,
    );
    expect(renamed).toMatchObject({ goal: 'ship login', capacity: 25, version: 3 });

    const closed = await rpc.send(PlanningAgileRpc.sprintClose, { id: s1.id, expectedVersion: 3 }, tenantA);
    expect(closed).toMatchObject({ state: 'closed', completedPoints: 0, version: 4 });
    const again = await rpcError(rpc.send(PlanningAgileRpc.sprintClose, { id: s1.id }, tenantA));
    expect(again.details?.currentState).toBe('closed');
    const reopen = await rpcError(rpc.send(PlanningAgileRpc.sprintStart, { id: s1.id }, tenantA));
    expect(reopen.details?.currentState).toBe('closed');
    const edit = await rpcError(
      rpc.send(PlanningAgileRpc.sprintUpdate, { id: s1.id, changes: { name: 'x' } }, tenantA),
    );
    expect(edit.details?.currentState).toBe('closed');
    const commit = await rpcError(
      rpc.send(
        PlanningAgileRpc.sprintCommit,
        { id: s1.id, itemIds: [(await item(projectId, 'late')).id] },
        tenantA,
      ),
    );
    expect(commit.details?.currentState).toBe('closed');
    await expect(rpc.send(PlanningAgileRpc.sprintStart, { id: s2.id }, tenantA)).resolves.toMatchObject({
      state: 'active',
    });
    const states = await rpc.send(
      PlanningAgileRpc.sprintList,
      { projectId, state: ['closed', 'active'] },
      tenantA,
    );
    expect(states.items.map((s) => `${s.name}:${s.state}`)).toEqual(['S1:closed', 'S2:active']);
  });

  it('closing records completed points, returns unfinished items to the backlog, and velocity averages the closed sprints', async () => {
    const projectId = await newProject();
    const plan = [
      {
        dates: ['2027-01-04', '2027-01-15'],
        items: [
          [5, 'done'],
          [3, 'done'],
          [8, 'todo'],
        ],
      },
      {
        dates: ['2027-01-18', '2027-01-29'],
        items: [
          [13, 'done'],
          [2, 'in-progress'],
        ],
      },
      {
        dates: ['2027-02-01', '2027-02-12'],
        items: [
          [8, 'done'],
          [8, 'done'],
          [1, 'done'],
        ],
      },
      { dates: ['2027-02-15', '2027-02-26'], items: [[20, 'done']] },
    ] as const;
    const closedIds: string[] = [];
    for (const [n, p] of plan.entries()) {
      const s = await sprint(projectId, p.dates[0], p.dates[1], 40, `S${n + 1}`);
      const ids = [];
      for (const [points, status] of p.items) {
        const it = await item(projectId, `i${n}-${points}`, points);
        ids.push(it.id);
        if (status !== 'todo')
          await rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: it.id, changes: { status } }, tenantA);
      }
      await rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: ids }, tenantA);
      await rpc.send(PlanningAgileRpc.sprintStart, { id: s.id }, tenantA);
      const closed = await rpc.send(PlanningAgileRpc.sprintClose, { id: s.id }, tenantA);
      closedIds.push(closed.id);
      if (n === 0) {
        expect(closed).toMatchObject({ committedPoints: 16, completedPoints: 8, itemCount: 3 });
        const leftover = await rpc.send(
          PlanningAgileRpc.backlogItemList,
          { projectId, unassigned: true },
          tenantA,
        );
        expect(leftover.items.map((i) => i.storyPoints)).toEqual([8]);
        // done items stay with the closed sprint: they cannot leave it
        const stay = await rpcError(
          rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: ids[0]!, changes: { sprintId: null } }, tenantA),
        );
        expect(stay.code).toBe(ErrorCode.Conflict);
        expect((await rpc.send(PlanningAgileRpc.sprintGet, { id: s.id }, tenantA)).committedPoints).toBe(16);
      }
    }
    // completed: 8, 13, 17, 20
    const v = await rpc.send(PlanningAgileRpc.velocityGet, { projectId, window: 3 }, tenantA);
    expect(v.sprints.map((s) => s.completedPoints)).toEqual([8, 13, 17, 20]);
    expect(v.sprints.map((s) => s.rollingAverage)).toEqual([8, 10.5, 12.67, 16.67]);
    expect(v.averageVelocity).toBe(16.67);
    expect(v.sprints.map((s) => s.sprintId)).toEqual(closedIds);
    const two = await rpc.send(PlanningAgileRpc.velocityGet, { projectId, window: 2, limit: 2 }, tenantA);
    expect(two.sprints.map((s) => [s.completedPoints, s.rollingAverage])).toEqual([
      [17, 15],
      [20, 18.5],
    ]);
    expect(two.averageVelocity).toBe(18.5);
    const none = await rpc.send(PlanningAgileRpc.velocityGet, { projectId: await newProject() }, tenantA);
    expect(none).toMatchObject({ window: 3, sprints: [], averageVelocity: null });
    const window = await rpcError(rpc.send(PlanningAgileRpc.velocityGet, { projectId, window: 0 }, tenantA));
    expect(fields(window)).toEqual(['window']);
  });

  it('keeps tenants apart: another tenant gets NOT_FOUND for items, sprints, lists and velocity', async () => {
    const projectId = await newProject();
    const it = await item(projectId, 'secret', 3);
    const s = await sprint(projectId, '2027-01-04', '2027-01-15');
    const notFound = async (p: Promise<unknown>) => expect((await rpcError(p)).code).toBe(ErrorCode.NotFound);
    await notFound(rpc.send(PlanningAgileRpc.backlogItemGet, { id: it.id }, tenantB));
    await notFound(
      rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: it.id, changes: { title: 'mine' } }, tenantB),
    );
    await notFound(rpc.send(PlanningAgileRpc.backlogItemDelete, { id: it.id }, tenantB));
    await notFound(rpc.send(PlanningAgileRpc.backlogItemList, { projectId }, tenantB));
    await notFound(rpc.send(PlanningAgileRpc.backlogItemCreate, { projectId, title: 'sneaky' }, tenantB));
    await notFound(rpc.send(PlanningAgileRpc.sprintGet, { id: s.id }, tenantB));
    await notFound(rpc.send(PlanningAgileRpc.sprintStart, { id: s.id }, tenantB));
    await notFound(rpc.send(PlanningAgileRpc.sprintList, { projectId }, tenantB));
    await notFound(
      rpc.send(
        PlanningAgileRpc.sprintCreate,
        { projectId, name: 'x', startDate: '2028-01-01', endDate: '2028-01-05', capacity: 1 },
        tenantB,
      ),
    );
    await notFound(rpc.send(PlanningAgileRpc.velocityGet, { projectId }, tenantB));
    // whatever the body: a body that would be refused still answers 404 to another tenant
    await notFound(
      rpc.send(PlanningAgileRpc.backlogItemMove, { id: it.id, beforeId: it.id, afterId: it.id }, tenantB),
    );
    await notFound(
      rpc.send(
        PlanningAgileRpc.sprintCreate,
        { projectId, name: 'x', startDate: '2028-01-05', endDate: '2028-01-01', capacity: 1 },
        tenantB,
      ),
    );
    // B's own item cannot be committed to A's sprint, nor A's item to B's sprint
    const bProject = await newProject(tenantB);
    const bItem = await item(bProject, 'b', 1, tenantB);
    await notFound(rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: [bItem.id] }, tenantB));
    const cross = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: bItem.id, changes: { sprintId: s.id } }, tenantB),
    );
    expect(cross.code).toBe(ErrorCode.Unprocessable);
    expect(fields(cross)).toEqual(['sprintId']);
    expect((await rpc.send(PlanningAgileRpc.backlogItemGet, { id: it.id }, tenantA)).title).toBe('secret');
  });

  it('treats an archived project as read-only: no new or changed items or sprints (409 naming projectId), reads still work', async () => {
    const projectId = await newProject();
    const it = await item(projectId, 'frozen', 2);
    const s = await sprint(projectId, '2027-01-04', '2027-01-15');
    await rpc.send(PlanningRpc.projectArchive, { id: projectId }, tenantA);
    const conflicts = [
      item(projectId, 'new'),
      rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: it.id, changes: { title: 'x' } }, tenantA),
      rpc.send(PlanningAgileRpc.backlogItemDelete, { id: it.id }, tenantA),
      rpc.send(PlanningAgileRpc.sprintStart, { id: s.id }, tenantA),
      rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: [it.id] }, tenantA),
      sprint(projectId, '2027-02-01', '2027-02-12'),
    ];
    for (const p of conflicts) {
      const err = await rpcError(p);
      expect(err.code).toBe(ErrorCode.Conflict);
      expect(fields(err)).toEqual(['projectId']);
    }
    expect((await rpc.send(PlanningAgileRpc.backlogItemList, { projectId }, tenantA)).items).toHaveLength(1);
    expect((await rpc.send(PlanningAgileRpc.sprintGet, { id: s.id }, tenantA)).state).toBe('planned');
  });

  it('serialises racing commits and sprint plans: capacity and the no-overlap rule hold under concurrency', async () => {
    const projectId = await newProject();
    const s = await sprint(projectId, '2027-01-04', '2027-01-15', 10);
    const [a, b] = [await item(projectId, 'a', 8), await item(projectId, 'b', 8)];
    const commits = await Promise.allSettled([
      rpc.send(PlanningAgileRpc.sprintCommit, { id: s.id, itemIds: [a.id] }, tenantA),
      rpc.send(PlanningAgileRpc.backlogItemUpdate, { id: b.id, changes: { sprintId: s.id } }, tenantA),
    ]);
    expect(commits.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(
      ((commits.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as RpcError).code,
    ).toBe(ErrorCode.Conflict);
    expect(await rpc.send(PlanningAgileRpc.sprintGet, { id: s.id }, tenantA)).toMatchObject({
      committedPoints: 8,
      overCommitted: false,
    });

    const plans = await Promise.allSettled([
      sprint(projectId, '2027-02-01', '2027-02-12', 5, 'P1'),
      sprint(projectId, '2027-02-08', '2027-02-19', 5, 'P2'),
      sprint(projectId, '2027-02-10', '2027-02-24', 5, 'P3'),
    ]);
    expect(plans.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const starts = await Promise.allSettled([
      rpc.send(PlanningAgileRpc.sprintStart, { id: s.id }, tenantA),
      rpc.send(
        PlanningAgileRpc.sprintStart,
        {
          id: (plans.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }>).value
            .id,
        },
        tenantA,
      ),
    ]);
    expect(starts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('deletes an item with If-Match semantics and emits backlog-item and sprint events through the outbox', async () => {
    const projectId = await newProject();
    const it = await item(projectId, 'short-lived', 2);
    const stale = await rpcError(
      rpc.send(PlanningAgileRpc.backlogItemDelete, { id: it.id, expectedVersion: 9 }, tenantA),
    );
    expect(stale.code).toBe(ErrorCode.VersionMismatch);
    await rpc.send(PlanningAgileRpc.backlogItemDelete, { id: it.id, expectedVersion: 1 }, tenantA);
    expect((await rpcError(rpc.send(PlanningAgileRpc.backlogItemGet, { id: it.id }, tenantA))).code).toBe(
      ErrorCode.NotFound,
    );
    const s = await sprint(projectId, '2027-01-04', '2027-01-15');
    await rpc.send(PlanningAgileRpc.sprintStart, { id: s.id }, tenantA);
    await rpc.send(PlanningAgileRpc.sprintClose, { id: s.id }, tenantA);
    const subjects = async (id: string) =>
      (
        (await db.query(
          `SELECT subject FROM planning.outbox WHERE payload->'aggregate'->>'id' = $1 ORDER BY created_at, subject`,
          [id],
        )) as { subject: string }[]
      ).map((r) => r.subject);
    expect(await subjects(it.id)).toEqual(
      expect.arrayContaining([
        PlanningAgileEvents.backlogItemCreated.subject,
        PlanningAgileEvents.backlogItemDeleted.subject,
      ]),
    );
    expect(await subjects(s.id)).toEqual(
      expect.arrayContaining([
        PlanningAgileEvents.sprintCreated.subject,
        PlanningAgileEvents.sprintStarted.subject,
        PlanningAgileEvents.sprintClosed.subject,
      ]),
    );
  });
});
