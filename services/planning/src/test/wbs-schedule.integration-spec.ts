import {
  ErrorCode,
  EventContractsByService,
  type MoveTaskRequest,
  PlanningEvents,
  PlanningRpc,
} from '@baton/contracts';
import { validatePayload } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import {
  addTask,
  link,
  newProject,
  rpcError,
  taskById,
  tenantA,
  tenantB,
  usePlanning,
} from './scheduling-support.js';

describe('WBS and schedule over NATS and Postgres', () => {
  const h = usePlanning();

  it('keeps WBS codes on insert, move and delete, and rolls summaries up', async () => {
    const p = await newProject(h);
    const phase = await addTask(h, p.id, { name: 'Phase 1', duration: 1 });
    const a = await addTask(h, p.id, { name: 'Design', parentId: phase.id, duration: 3, effort: 24 });
    const b = await addTask(h, p.id, { name: 'Build', parentId: phase.id, duration: 5, effort: 40 });
    const first = await addTask(h, p.id, { name: 'Kick-off', parentId: phase.id, duration: 0, position: 0 });
    await link(h, a.id, b.id);

    const page = await h.rpc.send(PlanningRpc.taskList, { projectId: p.id, limit: 100 }, tenantA);
    expect(page.items.map((t) => [t.wbsCode, t.name, t.kind])).toEqual([
      ['1', 'Phase 1', 'summary'],
      ['1.1', 'Kick-off', 'milestone'],
      ['1.2', 'Design', 'task'],
      ['1.3', 'Build', 'task'],
    ]);
    // Design Mon 4 – Wed 6 Jan, Build Thu 7 – Wed 13 Jan (weekend skipped); the phase spans both
    const summary = page.items[0]!;
    expect(summary).toMatchObject({
      start: '2027-01-04',
      finish: '2027-01-13',
      duration: 8,
      effort: 64,
      level: 1,
    });
    expect(page.items[3]).toMatchObject({
      start: '2027-01-07',
      finish: '2027-01-13',
      critical: true,
      totalFloat: 0,
    });
    expect(page.items[1]).toMatchObject({ start: '2027-01-04', finish: '2027-01-04', duration: 0 });

    // progress rolls up weighted by duration: 3 days at 100 %, 5 at 20 % and a milestone → 50 %
    await h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { percentComplete: 100 } }, tenantA);
    await h.rpc.send(PlanningRpc.taskUpdate, { id: b.id, changes: { percentComplete: 20 } }, tenantA);
    expect((await taskById(h, phase.id)).percentComplete).toBe(50);

    // move Kick-off to the top level at position 0: the phase becomes 2
    const moved = await h.rpc.send(
      PlanningRpc.taskMove,
      { id: first.id, parentId: null, position: 0 },
      tenantA,
    );
    expect(moved.task.wbsCode).toBe('1');
    expect((await taskById(h, b.id)).wbsCode).toBe('2.2');

    // the new parent must be said: null for the top level, never left out
    const unsaid = await rpcError(
      h.rpc.send(PlanningRpc.taskMove, { id: b.id, position: 0 } as unknown as MoveTaskRequest, tenantA),
    );
    expect(unsaid.code).toBe(ErrorCode.ValidationFailed);
    expect(unsaid.details?.errors?.[0]?.field).toBe('parentId');
    expect((await taskById(h, b.id)).wbsCode).toBe('2.2');

    const cannot = await rpcError(
      h.rpc.send(PlanningRpc.taskMove, { id: phase.id, parentId: a.id }, tenantA),
    );
    expect(cannot.code).toBe(ErrorCode.Unprocessable);
    expect(cannot.details?.errors?.[0]?.field).toBe('parentId');

    const deleted = await h.rpc.send(PlanningRpc.taskDelete, { id: phase.id }, tenantA);
    expect(deleted.deletedCount).toBe(3);
    expect(deleted.schedule.taskCount).toBe(1);
    const after = await h.rpc.send(PlanningRpc.taskList, { projectId: p.id }, tenantA);
    expect(after.items.map((t) => t.wbsCode)).toEqual(['1']);
  });

  it('schedules all four dependency types with lags and answers the task with a project summary', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'A', duration: 3 });
    const b = await addTask(h, p.id, { name: 'B', duration: 2 });
    const c = await addTask(h, p.id, { name: 'C', duration: 1 });
    const d = await addTask(h, p.id, { name: 'D', duration: 2 });
    const e = await addTask(h, p.id, { name: 'E', duration: 4 });
    await link(h, a.id, b.id); // B after A: Thu 7 – Fri 8
    const fs = await link(h, b.id, c.id, { lag: 1 }); // C a working day after B: Tue 12
    expect(fs.dependency).toMatchObject({ type: 'FS', lag: 1, crossProject: false });
    expect(fs.schedule).toMatchObject({ projectId: p.id, finishDate: '2027-01-12', taskCount: 5 });
    await link(h, a.id, d.id, { type: 'SS', lag: 1 }); // D starts at least a day after A
    await link(h, c.id, e.id, { type: 'FF', lag: 2 }); // E finishes 2 days after C: Thu 14, so starts Mon 11
    const sf = await link(h, e.id, d.id, { type: 'SF', lag: -1 }); // D finishes no earlier than a day before E starts: Wed 6 – Thu 7
    expect(sf.schedule.criticalTaskCount).toBeGreaterThan(0);

    const t = async (id: string) => taskById(h, id);
    expect(await t(c.id)).toMatchObject({ start: '2027-01-12', finish: '2027-01-12', critical: true });
    expect(await t(d.id)).toMatchObject({ start: '2027-01-06', finish: '2027-01-07' });
    expect(await t(e.id)).toMatchObject({ start: '2027-01-11', finish: '2027-01-14' });

    // changing a duration moves the successors, and the response says what moved
    const changed = await h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes: { duration: 5 } }, tenantA);
    expect(changed.task).toMatchObject({
      duration: 5,
      start: '2027-01-04',
      finish: '2027-01-08',
      critical: true,
    });
    expect(changed.schedule.changedTaskCount).toBeGreaterThanOrEqual(4);
    expect(changed.schedule.finishDate).toBe('2027-01-18');

    const schedule = await h.rpc.send(
      PlanningRpc.scheduleGet,
      { projectId: p.id, criticalOnly: true },
      tenantA,
    );
    expect(schedule.items.map((x) => x.name)).toEqual(['A', 'B', 'E', 'C']); // early-start order
    expect(schedule.summary.finishDate).toBe('2027-01-18');

    // the whole schedule in early-start order, page by page, each task once
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.rpc.send(PlanningRpc.scheduleGet, { projectId: p.id, limit: 2, cursor }, tenantA);
      seen.push(...page.items.map((x) => x.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['A', 'D', 'B', 'E', 'C']);
  });

  it('refuses a cycle with 409 naming its tasks, and an unknown or summary task with 422 naming the field', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'Alpha', duration: 1 });
    const b = await addTask(h, p.id, { name: 'Beta', duration: 1 });
    const c = await addTask(h, p.id, { name: 'Gamma', duration: 1 });
    await link(h, a.id, b.id);
    await link(h, b.id, c.id);
    const cycle = await rpcError(link(h, c.id, a.id));
    expect(cycle.code).toBe(ErrorCode.Conflict);
    expect(cycle.message).toContain('cycle');
    for (const name of ['Alpha', 'Beta', 'Gamma']) expect(cycle.message).toContain(name);
    expect((await h.rpc.send(PlanningRpc.dependencyList, { projectId: p.id }, tenantA)).items).toHaveLength(
      2,
    );

    const unknown = await rpcError(link(h, '5b2e0d8c-1f3a-4c6e-9a7b-2d4f6e8a0c1e', a.id));
    expect(unknown.code).toBe(ErrorCode.Unprocessable);
    expect(unknown.details?.errors?.[0]?.field).toBe('predecessorId');

    const other = await newProject(h, tenantB);
    const foreign = await addTask(h, other.id, { name: 'Theirs', duration: 1 }, tenantB);
    // a dependency across tenants is not found, whichever end is theirs, and tells nothing of their task
    const inward = await rpcError(link(h, foreign.id, a.id));
    expect(inward.code).toBe(ErrorCode.NotFound);
    expect(JSON.stringify(inward)).not.toContain('Theirs');
    expect((await rpcError(link(h, a.id, foreign.id))).code).toBe(ErrorCode.NotFound);
    expect((await rpcError(taskById(h, a.id, tenantB))).code).toBe(ErrorCode.NotFound);
  });

  it('shows a missed deadline as negative float and late, and a missed milestone as an event', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'Build', duration: 10 });
    const m = await addTask(h, p.id, { name: 'Go-live', duration: 0, deadline: '2027-01-12' });
    await link(h, a.id, m.id);
    const ms = await taskById(h, m.id);
    expect(ms).toMatchObject({ kind: 'milestone', start: '2027-01-18', late: true, critical: true });
    expect(ms.totalFloat).toBeLessThan(0);
    const events = (await h.db.query(
      `SELECT subject, payload FROM planning.outbox WHERE payload->'aggregate'->>'id' = $1`,
      [m.id],
    )) as {
      subject: string;
      payload: { data: { reason: string } };
    }[];
    const missed = events.find((e) => e.subject === PlanningEvents.milestoneMissed.subject);
    expect(missed?.payload.data.reason).toBe('deadline-missed');

    const settings = await h.rpc.send(
      PlanningRpc.scheduleUpdateSettings,
      { projectId: p.id, deadline: '2027-01-08' },
      tenantA,
    );
    expect(settings).toMatchObject({ late: true, deadline: '2027-01-08', finishDate: '2027-01-18' });
    expect((await taskById(h, a.id)).totalFloat).toBe(-5);

    await h.rpc.send(PlanningRpc.taskUpdate, { id: m.id, changes: { actualFinish: '2027-01-19' } }, tenantA);
    const achieved = await h.db.query(
      `SELECT 1 FROM planning.outbox WHERE subject = $1 AND payload->'aggregate'->>'id' = $2`,
      [PlanningEvents.milestoneAchieved.subject, m.id],
    );
    expect(achieved).toHaveLength(1);
  });

  it('applies SNET, MSO and FNLT constraints given as dates; a constraint without its date is a 400', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'Prep', duration: 3 });
    const b = await addTask(h, p.id, {
      name: 'Pinned',
      duration: 2,
      constraintType: 'MSO',
      constraintDate: '2027-01-05',
    });
    const c = await addTask(h, p.id, {
      name: 'Later',
      duration: 1,
      constraintType: 'SNET',
      constraintDate: '2027-01-16',
    });
    await link(h, a.id, b.id); // Prep ends Wed 6, but Pinned must start Tue 5: Prep shows the breach
    expect(await taskById(h, b.id)).toMatchObject({ start: '2027-01-05', finish: '2027-01-06' });
    expect((await taskById(h, a.id)).totalFloat).toBe(-2);
    expect(await taskById(h, c.id)).toMatchObject({ start: '2027-01-18' }); // Saturday 16 rounds to Monday
    const capped = await h.rpc.send(
      PlanningRpc.taskUpdate,
      { id: c.id, changes: { constraintType: 'FNLT', constraintDate: '2027-01-05' } },
      tenantA,
    );
    expect(capped.task).toMatchObject({ start: '2027-01-04', late: false, totalFloat: 1 });
    await h.rpc.send(PlanningRpc.taskUpdate, { id: c.id, changes: { duration: 4 } }, tenantA);
    expect(await taskById(h, c.id)).toMatchObject({ late: true, totalFloat: -2, critical: true });
    const bad = await rpcError(
      h.rpc.send(PlanningRpc.taskUpdate, { id: c.id, changes: { constraintDate: null } }, tenantA),
    );
    expect(bad.code).toBe(ErrorCode.ValidationFailed);
    expect(bad.details?.errors?.[0]?.field).toBe('constraintDate');
  });

  it('answers a date too far from the project start with 422 naming the field, and keeps nothing of the change', async () => {
    const p = await newProject(h);
    const a = await addTask(h, p.id, { name: 'Near', duration: 3 });
    const change = (changes: Record<string, unknown>) =>
      rpcError(h.rpc.send(PlanningRpc.taskUpdate, { id: a.id, changes }, tenantA));
    for (const [changes, field] of [
      [{ constraintType: 'SNET', constraintDate: '9999-12-31' }, 'constraintDate'],
      [{ deadline: '9999-12-31' }, 'deadline'],
      [{ actualStart: '2500-01-04' }, 'actualStart'],
    ] as const) {
      const err = await change(changes);
      expect(err.code).toBe(ErrorCode.Unprocessable);
      expect(err.details?.errors?.[0]?.field).toBe(field);
      expect(err.message).toContain('Near');
    }
    for (const [settings, field] of [
      [{ statusDate: '9999-12-31' }, 'statusDate'],
      [{ statusDate: '1000-01-01' }, 'statusDate'],
      [{ deadline: '9999-12-31' }, 'deadline'],
    ] as const) {
      const err = await rpcError(
        h.rpc.send(PlanningRpc.scheduleUpdateSettings, { projectId: p.id, ...settings }, tenantA),
      );
      expect(err.code).toBe(ErrorCode.Unprocessable);
      expect(err.details?.errors?.[0]?.field).toBe(field);
    }

    // a chain of long tasks that would run past 200 years: the dependency that does it is refused
    const long = [];
    for (let i = 0; i < 6; i++) long.push(await addTask(h, p.id, { name: `Long ${i}`, duration: 10_000 }));
    for (let i = 1; i < 5; i++) await link(h, long[i - 1]!.id, long[i]!.id);
    const tooFar = await rpcError(link(h, long[4]!.id, long[5]!.id));
    expect(tooFar.code).toBe(ErrorCode.Unprocessable);
    expect(tooFar.details?.errors?.[0]?.field).toBe('schedule');

    // a project starting at the end of the calendar: work past 9999-12-31 is refused, not printed as '+010000-…'
    const end = await newProject(h, tenantA, { startDate: '9999-12-01' });
    const past = await rpcError(addTask(h, end.id, { name: 'Beyond', duration: 100 }));
    expect(past.code).toBe(ErrorCode.Unprocessable);
    expect(await taskById(h, a.id)).toMatchObject({ start: '2027-01-04', finish: '2027-01-06', version: 1 });
  });

  it('publishes task, dependency, calendar, schedule, milestone and baseline events that their own contracts accept', async () => {
    // every consumer (the gateway's webhooks among them) validates an event against its contract and
    // drops one that fails; a payload class with no validation metadata fails every event
    const cal = await h.rpc.send(
      PlanningRpc.calendarCreate,
      { name: 'Events', holidays: ['2027-01-06'] },
      tenantA,
    );
    const p = await newProject(h);
    await h.rpc.send(PlanningRpc.scheduleUpdateSettings, { projectId: p.id, calendarId: cal.id }, tenantA);
    await h.rpc.send(PlanningRpc.calendarUpdate, { id: cal.id, changes: { holidays: [] } }, tenantA);
    const phase = await addTask(h, p.id, { name: 'Phase' });
    const a = await addTask(h, p.id, { name: 'Work', duration: 3, parentId: phase.id, effort: 12.5 });
    const late = await addTask(h, p.id, { name: 'Late gate', duration: 0, deadline: '2027-01-04' });
    const done = await addTask(h, p.id, { name: 'Done gate', duration: 0 });
    const dep = (await link(h, a.id, late.id)).dependency;
    await h.rpc.send(PlanningRpc.dependencyUpdate, { id: dep.id, changes: { lag: 1 } }, tenantA);
    await h.rpc.send(PlanningRpc.taskUpdate, { id: done.id, changes: { percentComplete: 100 } }, tenantA);
    await h.rpc.send(PlanningRpc.baselineCreate, { projectId: p.id, name: 'Plan' }, tenantA);
    await h.rpc.send(PlanningRpc.dependencyDelete, { id: dep.id }, tenantA);
    await h.rpc.send(PlanningRpc.taskDelete, { id: phase.id }, tenantA);

    const contracts = new Map(
      Object.values(EventContractsByService).flatMap((byName) =>
        Object.values(byName).map((c) => [c.subject, c]),
      ),
    );
    const rows = (await h.db.query(`SELECT subject, payload FROM planning.outbox`)) as {
      subject: string;
      payload: { data: unknown };
    }[];
    const refused: { subject: string; details: unknown }[] = [];
    for (const row of rows) {
      const contract = contracts.get(row.subject);
      expect(contract).toBeDefined();
      await validatePayload(contract!.payload, row.payload.data, 'event payload').catch(
        (err: { details?: unknown }) => refused.push({ subject: row.subject, details: err.details }),
      );
    }
    expect(refused).toEqual([]);
    const published = new Set(rows.map((r) => r.subject));
    for (const e of [
      PlanningEvents.taskCreated,
      PlanningEvents.taskUpdated,
      PlanningEvents.taskDeleted,
      PlanningEvents.dependencyCreated,
      PlanningEvents.dependencyUpdated,
      PlanningEvents.dependencyDeleted,
      PlanningEvents.calendarCreated,
      PlanningEvents.calendarUpdated,
      PlanningEvents.scheduleRecomputed,
      PlanningEvents.milestoneMissed,
      PlanningEvents.milestoneAchieved,
      PlanningEvents.baselineSaved,
    ])
      expect(published).toContain(e.subject);
  });

  it('refuses moving a summary under its own subtask for that reason, even when the subtask has dependencies', async () => {
    const p = await newProject(h);
    const phase = await addTask(h, p.id, { name: 'Phase' });
    const inner = await addTask(h, p.id, { name: 'Inner', duration: 2, parentId: phase.id });
    const other = await addTask(h, p.id, { name: 'Other', duration: 1 });
    await link(h, other.id, inner.id);
    const err = await rpcError(
      h.rpc.send(PlanningRpc.taskMove, { id: phase.id, parentId: inner.id }, tenantA),
    );
    expect(err.code).toBe(ErrorCode.Unprocessable);
    expect(err.details?.errors).toEqual([
      { field: 'parentId', message: 'a task cannot move under itself or its own subtasks' },
    ]);
  });
});
