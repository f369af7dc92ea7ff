import {
  DemoTenants,
  ErrorCode,
  ResourcesEvents,
  ResourcesRpc,
  type TimeEntryApproved,
} from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { ResourcesConfig } from '../config/env.js';

const tenantA: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'lena-lm', roles: ['pmo-admin'] },
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

describe('resources service: people, skills, leave and timesheets over NATS and Postgres', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let rpc: RpcClient;
  let db: DataSource;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startService(AppModule.register(loadConfig(ResourcesConfig, env.env())));
    rpc = app.get(RpcClient);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  const person = (name: string, extra: Record<string, unknown> = {}, ctx = tenantA) =>
    rpc.send(
      ResourcesRpc.personCreate,
      {
        name,
        email: `${name.toLowerCase().replace(/\W/g, '.')}.${randomUUID().slice(0, 6)}@example.com`,
        ...extra,
      },
      ctx,
    );

  it('creates people with skills, a line manager and a part-time week', async () => {
    const sap = await rpc.send(ResourcesRpc.skillCreate, { name: 'SAP FI' }, tenantA);
    const boss = await person('Lena Line', { department: 'Finance IT' });
    const ada = await person('Ada Analyst', {
      department: 'Finance IT',
      jobRole: 'Business analyst',
      lineManagerId: boss.id,
      hoursPerDay: 6,
      workingDays: [4, 1, 2],
      skills: [{ skillId: sap.id, level: 4, certificate: 'SAP C_TS4FI', certifiedUntil: '2028-01-31' }],
    });
    expect(ada).toMatchObject({
      lineManagerId: boss.id,
      hoursPerDay: 6,
      workingDays: [1, 2, 4],
      version: 1,
      active: true,
    });
    expect(ada.skills).toEqual([
      {
        skillId: sap.id,
        skillName: 'SAP FI',
        level: 4,
        certificate: 'SAP C_TS4FI',
        certifiedUntil: '2028-01-31',
      },
    ]);

    const bySkill = await rpc.send(ResourcesRpc.personList, { skillId: sap.id }, tenantA);
    expect(bySkill.items.map((p) => p.id)).toEqual([ada.id]);
    const reports = await rpc.send(ResourcesRpc.personList, { lineManagerId: boss.id }, tenantA);
    expect(reports.items.map((p) => p.id)).toEqual([ada.id]);

    const changed = await rpc.send(
      ResourcesRpc.personUpdate,
      { id: ada.id, expectedVersion: 1, changes: { skills: [], hoursPerDay: 8 } },
      tenantA,
    );
    expect(changed).toMatchObject({ skills: [], hoursPerDay: 8, version: 2 });
    expect(
      (
        await rpcError(
          rpc.send(
            ResourcesRpc.personUpdate,
            { id: ada.id, expectedVersion: 1, changes: { name: 'x' } },
            tenantA,
          ),
        )
      ).code,
    ).toBe(ErrorCode.VersionMismatch);
  });

  it('refuses an unknown skill, a duplicate e-mail, a reporting cycle and a bad week, naming the field', async () => {
    const unknown = await rpcError(person('Nobody', { skills: [{ skillId: randomUUID(), level: 3 }] }));
    expect(unknown.code).toBe(ErrorCode.ValidationFailed);
    expect(unknown.details?.errors?.[0]?.field).toBe('skills.0.skillId');

    const first = await person('Dup');
    const dup = await rpcError(
      rpc.send(ResourcesRpc.personCreate, { name: 'Dup again', email: first.email.toUpperCase() }, tenantA),
    );
    expect(dup.code).toBe(ErrorCode.Conflict);
    expect(dup.details?.errors?.[0]?.field).toBe('email');

    const top = await person('Top');
    const mid = await person('Mid', { lineManagerId: top.id });
    const cycle = await rpcError(
      rpc.send(ResourcesRpc.personUpdate, { id: top.id, changes: { lineManagerId: mid.id } }, tenantA),
    );
    expect(cycle.code).toBe(ErrorCode.Conflict);
    expect(cycle.details?.errors?.[0]?.field).toBe('lineManagerId');

    const badLevel = await rpcError(person('Lvl', { skills: [{ skillId: randomUUID(), level: 9 }] }));
    expect(badLevel.details?.errors?.some((e) => e.field.startsWith('skills.0.level'))).toBe(true);

    const badDays = await rpcError(person('Days', { workingDays: [0, 8] }));
    expect(badDays.details?.errors?.[0]?.field).toBe('workingDays');
  });

  it('keeps tenants apart', async () => {
    const secret = await person('Secret Sam');
    expect((await rpcError(rpc.send(ResourcesRpc.personGet, { id: secret.id }, tenantB))).code).toBe(
      ErrorCode.NotFound,
    );
    expect(
      (
        await rpcError(
          rpc.send(ResourcesRpc.personUpdate, { id: secret.id, changes: { name: 'mine' } }, tenantB),
        )
      ).code,
    ).toBe(ErrorCode.NotFound);
    expect((await rpc.send(ResourcesRpc.personList, { q: 'Secret Sam' }, tenantB)).items).toHaveLength(0);
    const crossManager = await rpcError(person('Spy', { lineManagerId: secret.id }, tenantB));
    expect(crossManager.details?.errors?.[0]?.field).toBe('lineManagerId');
    expect(
      (
        await rpcError(
          rpc.send(
            ResourcesRpc.leaveAdd,
            { personId: secret.id, startDate: '2027-01-04', endDate: '2027-01-05', kind: 'vacation' },
            tenantB,
          ),
        )
      ).code,
    ).toBe(ErrorCode.NotFound);
  });

  it('refuses overlapping leave with 409 and the clashing leave', async () => {
    const p = await person('Holiday Hanna');
    const first = await rpc.send(
      ResourcesRpc.leaveAdd,
      { personId: p.id, startDate: '2027-07-05', endDate: '2027-07-16', kind: 'vacation' },
      tenantA,
    );
    const clash = await rpcError(
      rpc.send(
        ResourcesRpc.leaveAdd,
        { personId: p.id, startDate: '2027-07-16', endDate: '2027-07-20', kind: 'training' },
        tenantA,
      ),
    );
    expect(clash.code).toBe(ErrorCode.Conflict);
    expect(clash.details).toMatchObject({ errors: [{ field: 'startDate' }], overlapsLeaveId: first.id });
    const backwards = await rpcError(
      rpc.send(
        ResourcesRpc.leaveAdd,
        { personId: p.id, startDate: '2027-08-05', endDate: '2027-08-01', kind: 'vacation' },
        tenantA,
      ),
    );
    expect(backwards.details?.errors?.[0]?.field).toBe('endDate');
    await rpc.send(
      ResourcesRpc.leaveAdd,
      { personId: p.id, startDate: '2027-07-17', endDate: '2027-07-18', kind: 'other' },
      tenantA,
    );
    expect(
      (await rpc.send(ResourcesRpc.leaveList, { personId: p.id }, tenantA)).items.map((l) => l.startDate),
    ).toEqual(['2027-07-05', '2027-07-17']);
  });

  it('runs the timesheet lifecycle, locks approved weeks and publishes approved entries in the outbox', async () => {
    const p = await person('Tim Sheet', { costRateRef: 'DEV-SENIOR' });
    const project = randomUUID();
    const week = '2027-03-01';
    const draft = await rpc.send(
      ResourcesRpc.timesheetPut,
      {
        personId: p.id,
        weekStart: week,
        body: {
          entries: [
            { projectId: project, date: '2027-03-01', hours: 7.5 },
            { projectId: project, date: '2027-03-02', hours: 4 },
          ],
        },
      },
      tenantA,
    );
    expect(draft).toMatchObject({ status: 'draft', totalHours: 11.5, version: 1 });

    const outside = await rpcError(
      rpc.send(
        ResourcesRpc.timesheetPut,
        {
          personId: p.id,
          weekStart: week,
          body: { entries: [{ projectId: project, date: '2027-03-08', hours: 1 }] },
        },
        tenantA,
      ),
    );
    expect(outside.details?.errors?.[0]?.field).toBe('entries.0.date');
    const notMonday = await rpcError(
      rpc.send(ResourcesRpc.timesheetGet, { personId: p.id, weekStart: '2027-03-02' }, tenantA),
    );
    expect(notMonday.details?.errors?.[0]?.field).toBe('weekStart');

    const submitted = await rpc.send(
      ResourcesRpc.timesheetTransition,
      { personId: p.id, weekStart: week, body: { action: 'submit' } },
      tenantA,
    );
    expect(submitted).toMatchObject({ status: 'submitted', submittedBy: 'lena-lm' });
    const editSubmitted = await rpcError(
      rpc.send(
        ResourcesRpc.timesheetPut,
        { personId: p.id, weekStart: week, body: { entries: [] } },
        tenantA,
      ),
    );
    expect(editSubmitted.code).toBe(ErrorCode.Conflict);

    const rejected = await rpc.send(
      ResourcesRpc.timesheetTransition,
      { personId: p.id, weekStart: week, body: { action: 'reject', comment: 'Tuesday?' } },
      tenantA,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: 'Tuesday?' });
    await rpc.send(
      ResourcesRpc.timesheetPut,
      {
        personId: p.id,
        weekStart: week,
        body: { entries: [{ projectId: project, date: '2027-03-02', hours: 8 }] },
      },
      tenantA,
    );
    await rpc.send(
      ResourcesRpc.timesheetTransition,
      { personId: p.id, weekStart: week, body: { action: 'submit' } },
      tenantA,
    );
    const approved = await rpc.send(
      ResourcesRpc.timesheetTransition,
      { personId: p.id, weekStart: week, body: { action: 'approve' } },
      tenantA,
    );
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'lena-lm', totalHours: 8 });

    const locked = await rpcError(
      rpc.send(
        ResourcesRpc.timesheetPut,
        { personId: p.id, weekStart: week, body: { entries: [] } },
        tenantA,
      ),
    );
    expect(locked.code).toBe(ErrorCode.Conflict);
    expect(locked.details?.errors?.[0]?.field).toBe('entries');
    expect(
      (
        await rpcError(
          rpc.send(
            ResourcesRpc.timesheetTransition,
            { personId: p.id, weekStart: week, body: { action: 'reopen' } },
            tenantA,
          ),
        )
      ).code,
    ).toBe(ErrorCode.Conflict);

    const published = await waitFor(async () => {
      // recorded with the approval and relayed to JetStream (published_at set)
      const rows: Array<{ payload: { data: TimeEntryApproved } }> = await db.query(
        `SELECT payload FROM resources.outbox
          WHERE subject LIKE '%' || $1 AND payload->'data'->>'personId' = $2 AND published_at IS NOT NULL`,
        [ResourcesEvents.timeEntryApproved.subject, p.id],
      );
      return rows.length ? rows : undefined;
    });
    expect(published.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({
        personId: p.id,
        projectId: project,
        date: '2027-03-02',
        hours: 8,
        costRateRef: 'DEV-SENIOR',
        timesheetId: approved.id,
      }),
    ]);
  });
});
