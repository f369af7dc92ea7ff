import { ErrorCode, PlanningEvents, PlanningRpc } from '@baton/contracts';
import { loadConfig, RpcClient, UnitOfWork, type RpcContext } from '@baton/platform';
import { startService, waitFor } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../app.module.js';
import { BaselineService } from '../baseline/baseline.service.js';
import { PlanningConfig } from '../config/env.js';
import { addTask, link, newProject, rpcError, taskById, tenantA, usePlanning } from './scheduling-support.js';

describe('rescheduling: writes, events, replicas and the change-request hook', () => {
  const h = usePlanning();
  let replica: INestApplicationContext;
  let rpc2: RpcClient;

  beforeAll(async () => {
    // a second planning process on the same database, reached under its own subject prefix
    replica = await startService(
      AppModule.register(
        loadConfig(PlanningConfig, h.env.env({ SUBJECT_PREFIX: `${h.env.subjectPrefix.slice(0, -1)}r2.` })),
      ),
    );
    rpc2 = replica.get(RpcClient);
  });

  afterAll(async () => {
    await replica?.close();
  });

  it('writes only the tasks whose computed dates moved, in one transaction with its events', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'A', duration: 2 });
    const b = await addTask(h, p.id, { name: 'B', duration: 2 });
    const free = await addTask(h, p.id, { name: 'Unrelated', duration: 1 });
    await link(h, a.id, b.id);
    const res = await h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { duration: 3 } }, tenantA);
    // A and B move; the unrelated task keeps its dates but its float grows: 3 computed rows changed
    expect(res.schedule.changedTaskCount).toBe(3);
    const again = await h.rpc.send(
      PlanningRpc.taskUpdate,
      { id: a.id, changes: { name: 'A renamed' } },
      tenantA,
    );
    expect(again.schedule.changedTaskCount).toBe(0);
    expect((await taskById(h, free.id)).totalFloat).toBe(4);

    const subjects = (await h.db.query(
      `SELECT subject FROM planning.outbox WHERE payload->'aggregate'->>'id' = ANY($1)`,
      [[a.id, p.id]],
    )) as {
      subject: string;
    }[];
    expect(subjects.filter((s) => s.subject === PlanningEvents.taskUpdated.subject)).toHaveLength(2);
    expect(
      subjects.filter((s) => s.subject === PlanningEvents.scheduleRecomputed.subject).length,
    ).toBeGreaterThanOrEqual(4);
    await waitFor(
      async () => {
        const rows = await h.db.query(
          `SELECT count(*)::int AS n FROM planning.outbox WHERE published_at IS NULL`,
        );
        return rows[0].n === 0 ? true : undefined;
      },
      { what: 'the relay to publish the events' },
    );
  });

  it('never schedules from a stale copy when another replica changed the project', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'A', duration: 1 });
    const b = await addTask(h, p.id, { name: 'B', duration: 1 });
    const c = await addTask(h, p.id, { name: 'C', duration: 1 });
    await link(h, a.id, b.id);
    await link(h, b.id, c.id);
    await h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { duration: 2 } }, tenantA); // replica 1 caches the network
    await rpc2.send(PlanningRpc.taskUpdate, { id: a.id, changes: { duration: 5 } }, tenantA); // replica 2 changes it
    const res = await h.rpc.send(PlanningRpc.taskUpdate, { id: b.id, changes: { duration: 3 } }, tenantA);
    expect(res.task.start).toBe('2027-01-11'); // after A's 5 days, not 2
    expect((await taskById(h, c.id)).start).toBe('2027-01-14');
  });

  it('leaves nothing behind when a change fails (a cycle through another task rolls back)', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'A', duration: 1 });
    const b = await addTask(h, p.id, { name: 'B', duration: 1 });
    await link(h, a.id, b.id);
    const before = await h.db.query(`SELECT count(*)::int AS n FROM planning.outbox`);
    expect((await rpcError(link(h, b.id, a.id))).code).toBe(ErrorCode.Conflict);
    expect(await h.db.query(`SELECT count(*)::int AS n FROM planning.outbox`)).toEqual(before);
    const res = await h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { duration: 2 } }, tenantA);
    expect(res.schedule.finishDate).toBe('2027-01-06');
  });

  it('records progress: 100 % takes the planned dates as actuals; the status date passing a milestone misses it', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'Work', duration: 2 });
    const m = await addTask(h, p.id, {
      name: 'Review',
      duration: 0,
      constraintType: 'SNET',
      constraintDate: '2027-01-05',
    });
    const done = await h.rpc.send(
      PlanningRpc.taskUpdate,
      { id: a.id, changes: { percentComplete: 100 } },
      tenantA,
    );
    expect(done.task).toMatchObject({
      actualStart: '2027-01-04',
      actualFinish: '2027-01-05',
      critical: false,
    });
    await h.rpc.send(
      PlanningRpc.scheduleUpdateSettings,
      { projectId: p.id, statusDate: '2027-01-08' },
      tenantA,
    );
    expect((await taskById(h, m.id)).start).toBe('2027-01-11'); // unfinished work waits for the status date
    const missed = (await h.db.query(
      `SELECT payload FROM planning.outbox WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`,
      [PlanningEvents.milestoneMissed.subject, m.id],
    )) as { payload: { data: { reason: string } } }[];
    expect(missed.map((e) => e.payload.data.reason)).toEqual(['status-date-passed']);
    const bad = await rpcError(
      h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { actualFinish: '2027-01-01' } }, tenantA),
    );
    expect(bad.code).toBe(ErrorCode.Unprocessable);
    expect(bad.details?.errors?.[0]?.field).toBe('actualFinish');
  });

  it("saves a baseline inside a caller's transaction (BaselineService.saveInTx), with its event", async () => {
    const p = await newProject(h);
    await addTask(h, p.id, { name: 'A', duration: 3 });
    const uow = h.app.get(UnitOfWork);
    const ctx = tenantA as RpcContext;
    const baselines = h.app.get(BaselineService);
    const saved = await uow.run((tx) => baselines.saveInTx(tx, ctx, p.id, 'CR-1 approved'));
    expect(saved).toMatchObject({
      name: 'CR-1 approved',
      taskCount: 1,
      finishDate: '2027-01-06',
      createdBy: 'alice',
    });
    await expect(
      uow.run(async (tx) => {
        await baselines.saveInTx(tx, ctx, p.id, 'rolled back');
        throw new Error('the change request failed');
      }),
    ).rejects.toThrow('the change request failed');
    const list = await h.rpc.send(PlanningRpc.baselineList, { projectId: p.id }, tenantA);
    expect(list.items.map((b) => b.name)).toEqual(['CR-1 approved']);
    const events = await h.db.query(
      `SELECT 1 FROM planning.outbox WHERE subject = $1 AND payload->'data'->>'projectId' = $2`,
      [PlanningEvents.baselineSaved.subject, p.id],
    );
    expect(events).toHaveLength(1);
  });
});
