import { DemoTenants, ErrorCode, PlanningEvents, PlanningRpc, ReportingRpc } from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { loadConfig, NatsClient, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';
import { AppModule } from '../../../services/reporting/src/app.module.js';
import { ReportingConfig } from '../../../services/reporting/src/config/env.js';

const ctx: RpcCallContext = { tenantId: DemoTenants.demo.id, actor: { id: 'alice', roles: ['pmo-admin'] } };

describe('reporting read model fed by planning events (outbox → JetStream → durable consumer)', () => {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let reporting: INestApplicationContext | undefined;
  let rpc: RpcClient;

  const startReporting = async () => {
    reporting = await startService(AppModule.register(loadConfig(ReportingConfig, env.env())));
  };
  const view = (id: string) => rpc.send(ReportingRpc.projectViewGet, { id }, ctx);
  const viewWhen = (id: string, ok: (v: Awaited<ReturnType<typeof view>>) => boolean) =>
    waitFor(
      async () => {
        const v = await view(id).catch(() => undefined);
        return v && ok(v) ? v : undefined;
      },
      { what: `project view ${id}`, timeoutMs: 15_000 },
    );

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    rpc = planning.get(RpcClient);
    await startReporting();
  });

  afterAll(async () => {
    await reporting?.close();
    await planning?.close();
    await env?.dispose();
  });

  it('builds the view from created, updated and archived events', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Data platform', code: 'DP-1' }, ctx);
    await viewWhen(p.id, (v) => v.version === 1);
    await rpc.send(PlanningRpc.projectUpdate, { id: p.id, changes: { status: 'active' } }, ctx);
    await rpc.send(PlanningRpc.projectArchive, { id: p.id }, ctx);
    const v = await viewWhen(p.id, (x) => x.version === 3);
    expect(v).toMatchObject({
      name: 'Data platform',
      code: 'DP-1',
      status: 'active',
      archived: true,
      eventsApplied: 3,
    });
  });

  it('follows the programme (and portfolio) a project is put in', async () => {
    const portfolioId = (await rpc.send(PlanningRpc.portfolioCreate, { name: 'Read model' }, ctx)).id;
    const programmeId = (await rpc.send(PlanningRpc.programmeCreate, { name: 'Read model', portfolioId }, ctx)).id;
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Loose' }, ctx);
    expect(await viewWhen(p.id, (v) => v.version === 1)).toMatchObject({ programmeId: null, portfolioId: null });
    await rpc.send(PlanningRpc.projectUpdate, { id: p.id, changes: { programmeId } }, ctx);
    expect(await viewWhen(p.id, (v) => v.version === 2)).toMatchObject({ programmeId, portfolioId });
  });

  it('keeps tenants apart in the read model', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Tenant A only' }, ctx);
    await viewWhen(p.id, (v) => v.version === 1);
    const other = { ...ctx, tenantId: DemoTenants.other.id };
    await expect(rpc.send(ReportingRpc.projectViewGet, { id: p.id }, other)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
  });

  it('loses nothing while reporting is down and applies each event exactly once when it returns', async () => {
    await reporting!.close();
    reporting = undefined;
    await expect(view(randomUUID())).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });

    const a = await rpc.send(PlanningRpc.projectCreate, { name: 'Created while reporting was down' }, ctx);
    await rpc.send(PlanningRpc.projectUpdate, { id: a.id, changes: { status: 'on_hold' } }, ctx);

    await startReporting();
    const v = await viewWhen(a.id, (x) => x.version === 2);
    expect(v).toMatchObject({ status: 'on_hold', eventsApplied: 2 });
    const rows = await reporting!
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM reporting.project_view WHERE project_id = $1`, [a.id]);
    expect(rows[0].n).toBe(1);
  });

  it('handles a redelivered event once (the inbox), even when it bypasses JetStream de-duplication', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Twice-sent' }, ctx);
    await viewWhen(p.id, (v) => v.version === 1);
    const outbox = await planning
      .get(DataSource)
      .query(`SELECT payload FROM planning.outbox WHERE payload->'aggregate'->>'id' = $1`, [p.id]);
    const nats = planning.get(NatsClient);
    const js = jetstream(nats.connection);
    // same event id, new Nats-Msg-Id: the stream accepts it, so only the consumer's inbox can stop it
    await js.publish(nats.subject(PlanningEvents.projectCreated.subject), JSON.stringify(outbox[0].payload), {
      msgID: randomUUID(),
    });
    const marker = await rpc.send(PlanningRpc.projectCreate, { name: 'Marker after the duplicate' }, ctx);
    await viewWhen(marker.id, () => true); // the consumer has moved past the duplicate
    expect((await view(p.id)).eventsApplied).toBe(1);
    const inbox = await reporting!
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE event_id = $1`, [outbox[0].payload.id]);
    expect(inbox[0].n).toBe(1);
  });

  it('rejects a malformed event without applying it and keeps consuming', async () => {
    const nats = planning.get(NatsClient);
    const js = jetstream(nats.connection);
    const bogusId = randomUUID();
    const bogus = {
      id: randomUUID(),
      type: PlanningEvents.projectCreated.subject,
      tenantId: ctx.tenantId,
      occurredAt: new Date().toISOString(),
      actor: null,
      aggregate: { type: 'project', id: bogusId, version: 1 },
      data: { id: bogusId, name: 42, status: 'nonsense' },
    };
    await js.publish(nats.subject(PlanningEvents.projectCreated.subject), JSON.stringify(bogus), {
      msgID: bogus.id,
    });
    const after = await rpc.send(PlanningRpc.projectCreate, { name: 'After the poison message' }, ctx);
    await viewWhen(after.id, () => true);
    await expect(view(bogusId)).rejects.toBeInstanceOf(RpcError);
    const inbox = await reporting!
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE event_id = $1`, [bogus.id]);
    expect(inbox[0].n).toBe(0);
  });

  it('lists the view by name with cursor pagination', async () => {
    const page = await rpc.send(ReportingRpc.projectViewList, { limit: 2 }, ctx);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const names = page.items.map((i) => i.name);
    expect([...names].sort()).toEqual(names);
  });
});
