// Change requests meet the rest of planning: approving with rebaseline saves a baseline
// (BaselineService.saveInTx) in the approval's transaction; an archived project is read-only.
import {
  DemoTenants,
  ErrorCode,
  PlanningChangeRequestRpc,
  PlanningEvents,
  PlanningRpc,
} from '@baton/contracts';
import type { RpcCallContext, RpcClient } from '@baton/platform';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { fields, rpcError, tenantA as pm, useAgilePlanning } from './agile-support.js';

const sponsor: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'carol', roles: ['portfolio-manager'] },
};

describe('change requests: rebaseline on approval and archived projects (planning over NATS and Postgres)', () => {
  const h = useAgilePlanning();
  let rpc: RpcClient;
  let db: DataSource;
  beforeAll(() => {
    rpc = h.rpc;
    db = h.db;
  });

  it('refuses changes to the change requests of an archived project (409 naming projectId)', async () => {
    const own = (await rpc.send(PlanningRpc.projectCreate, { name: 'Shelved' }, pm)).id;
    const cr = await rpc.send(
      PlanningChangeRequestRpc.changeRequestCreate,
      { projectId: own, kind: 'scope', title: 'x' },
      pm,
    );
    await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
    await rpc.send(PlanningRpc.projectArchive, { id: own }, pm);
    for (const p of [
      rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: cr.id }, sponsor),
      rpc.send(
        PlanningChangeRequestRpc.changeRequestCreate,
        { projectId: own, kind: 'scope', title: 'y' },
        pm,
      ),
    ]) {
      const err = await rpcError(p);
      expect(err.code).toBe(ErrorCode.Conflict);
      expect(fields(err)).toEqual(['projectId']);
    }
    expect((await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: cr.id }, pm)).state).toBe(
      'submitted',
    );
  });

  it('approves with rebaseline: saves a baseline of the project in the same transaction and records it in the audit', async () => {
    const own = (
      await rpc.send(PlanningRpc.projectCreate, { name: 'Rebaselined', startDate: '2027-01-04' }, pm)
    ).id;
    await rpc.send(PlanningRpc.taskCreate, { projectId: own, name: 'Build', duration: 5 }, pm);
    const make = async () => {
      const cr = await rpc.send(
        PlanningChangeRequestRpc.changeRequestCreate,
        { projectId: own, kind: 'schedule', title: 'Slip two weeks', scheduleImpactDays: 10 },
        pm,
      );
      await rpc.send(PlanningChangeRequestRpc.changeRequestSubmit, { id: cr.id }, pm);
      return cr;
    };
    const cr = await make();
    const approved = await rpc.send(
      PlanningChangeRequestRpc.changeRequestApprove,
      { id: cr.id, rebaseline: true },
      sponsor,
    );
    expect(approved).toMatchObject({ state: 'approved', rebaseline: true });
    expect(approved.baselineId).toEqual(expect.any(String));
    const baseline = await rpc.send(PlanningRpc.baselineGet, { id: approved.baselineId! }, pm);
    expect(baseline).toMatchObject({
      projectId: own,
      name: `CR ${cr.id.slice(0, 8)}: Slip two weeks`,
      taskCount: 1,
      createdBy: 'carol',
    });
    const history = await rpc.send(PlanningChangeRequestRpc.changeRequestHistory, { id: cr.id }, pm);
    expect(history.items.at(-1)).toMatchObject({ action: 'approved', baselineId: approved.baselineId });
    const saved = await db.query(
      `SELECT count(*)::int AS n FROM planning.outbox WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`,
      [PlanningEvents.baselineSaved.subject, approved.baselineId],
    );
    expect(saved[0].n).toBe(1);

    // a baseline name already taken: 409 naming baselineName, and the approval is rolled back with it
    const second = await make();
    const taken = await rpcError(
      rpc.send(
        PlanningChangeRequestRpc.changeRequestApprove,
        { id: second.id, rebaseline: true, baselineName: baseline.name },
        sponsor,
      ),
    );
    expect(taken.code).toBe(ErrorCode.Conflict);
    expect(fields(taken)).toEqual(['baselineName']);
    expect(await rpc.send(PlanningChangeRequestRpc.changeRequestGet, { id: second.id }, pm)).toMatchObject({
      state: 'submitted',
      rebaseline: false,
      decidedBy: null,
    });
    expect((await rpc.send(PlanningRpc.baselineList, { projectId: own }, pm)).items).toHaveLength(1);
    // without rebaseline no baseline is saved
    const plain = await rpc.send(PlanningChangeRequestRpc.changeRequestApprove, { id: second.id }, sponsor);
    expect(plain).toMatchObject({ rebaseline: false, baselineId: null });
    expect((await rpc.send(PlanningRpc.baselineList, { projectId: own }, pm)).items).toHaveLength(1);
  });
});
