import { ErrorCode, PlanningAgileRpc } from '@baton/contracts';
import type { RpcClient, RpcError } from '@baton/platform';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { fields, rpcError, tenantA, tenantB, useAgilePlanning } from './agile-support.js';

describe('agile planning: sprints, commitment and velocity (planning over NATS and Postgres)', () => {
  const h = useAgilePlanning();
  let rpc: RpcClient;
  beforeAll(() => {
    rpc = h.rpc;
  });
  const { newProject, item, sprint } = h;

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
});
