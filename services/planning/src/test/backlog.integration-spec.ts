import { ErrorCode, PlanningAgileEvents, PlanningAgileRpc, PlanningRpc } from '@baton/contracts';
import type { RpcClient } from '@baton/platform';
import { pendingSchemaChanges } from '@baton/testing';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { fields, rpcError, tenantA, useAgilePlanning } from './agile-support.js';

describe('agile planning: the product backlog (planning over NATS and Postgres)', () => {
  const h = useAgilePlanning();
  let rpc: RpcClient;
  let db: DataSource;
  beforeAll(() => {
    rpc = h.rpc;
    db = h.db;
  });
  const { newProject, item, sprint } = h;

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
