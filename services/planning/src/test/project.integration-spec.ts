import { DemoTenants, ErrorCode, PlanningEvents, PlanningRpc, type ProjectResponse } from '@baton/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  loadConfig,
  NatsClient,
  RpcClient,
  RpcError,
  streamName,
  type RpcCallContext,
} from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { AppModule } from '../app.module.js';
import { PlanningConfig } from '../config/env.js';
import { ProjectRepository } from '../project/project.repository.js';

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

describe('planning service over NATS and Postgres', () => {
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

  it('creates, reads, updates with a version check and archives a project', async () => {
    const created = await rpc.send(
      PlanningRpc.projectCreate,
      { name: 'ERP rollout', code: 'ERP-01', startDate: '2027-01-04', targetDate: '2027-06-30' },
      tenantA,
    );
    expect(created).toMatchObject({
      name: 'ERP rollout',
      code: 'ERP-01',
      status: 'proposed',
      version: 1,
      archived: false,
      startDate: '2027-01-04',
    });

    expect(await rpc.send(PlanningRpc.projectGet, { id: created.id }, tenantA)).toEqual(created);

    const updated = await rpc.send(
      PlanningRpc.projectUpdate,
      { id: created.id, expectedVersion: 1, changes: { status: 'active' } },
      tenantA,
    );
    expect(updated).toMatchObject({ status: 'active', version: 2 });

    const stale = await rpcError(
      rpc.send(
        PlanningRpc.projectUpdate,
        { id: created.id, expectedVersion: 1, changes: { name: 'x' } },
        tenantA,
      ),
    );
    expect(stale.code).toBe(ErrorCode.VersionMismatch);
    expect((await rpc.send(PlanningRpc.projectGet, { id: created.id }, tenantA)).name).toBe('ERP rollout');

    const archived = await rpc.send(
      PlanningRpc.projectArchive,
      { id: created.id, expectedVersion: 2 },
      tenantA,
    );
    expect(archived).toMatchObject({ archived: true, version: 3 });
    // the read (one SQL statement) shows exactly what the writes answered (the entity mapping)
    expect(await rpc.send(PlanningRpc.projectGet, { id: created.id }, tenantA)).toEqual(archived);
    const bare = await rpc.send(PlanningRpc.projectCreate, { name: 'No dates, no code' }, tenantA);
    expect(await rpc.send(PlanningRpc.projectGet, { id: bare.id }, tenantA)).toEqual(bare);
    const afterArchive = await rpcError(
      rpc.send(PlanningRpc.projectUpdate, { id: created.id, changes: { name: 'y' } }, tenantA),
    );
    expect(afterArchive.code).toBe(ErrorCode.Conflict);
  });

  it('keeps tenants apart: another tenant gets NOT_FOUND and never sees the project in lists', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Secret merger' }, tenantA);
    expect((await rpcError(rpc.send(PlanningRpc.projectGet, { id: p.id }, tenantB))).code).toBe(
      ErrorCode.NotFound,
    );
    expect(
      (await rpcError(rpc.send(PlanningRpc.projectUpdate, { id: p.id, changes: { name: 'mine' } }, tenantB)))
        .code,
    ).toBe(ErrorCode.NotFound);
    expect((await rpcError(rpc.send(PlanningRpc.projectArchive, { id: p.id }, tenantB))).code).toBe(
      ErrorCode.NotFound,
    );
    const list = await rpc.send(PlanningRpc.projectList, { q: 'Secret', limit: 100 }, tenantB);
    expect(list.items).toHaveLength(0);
  });

  it('answers reads that arrive together with one batched query, each read still scoped to its tenant', async () => {
    const ofA = await Promise.all(
      ['Batch A1', 'Batch A2', 'Batch A3'].map((name) =>
        rpc.send(PlanningRpc.projectCreate, { name }, tenantA),
      ),
    );
    const ofB = await rpc.send(PlanningRpc.projectCreate, { name: 'Batch B1' }, tenantB);
    const pool = (db.driver as PostgresDriver).master as Pool;
    const names: string[] = [];
    const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((config: QueryConfig) => {
      names.push(config.name ?? config.text);
      return query(config);
    }) as never);
    try {
      // sent in one turn: one socket write to NATS, so planning gets them together
      const reads = [
        ...ofA.map((p) => rpc.send(PlanningRpc.projectGet, { id: p.id }, tenantA)),
        rpc.send(PlanningRpc.projectGet, { id: ofB.id }, tenantB),
        rpc.send(PlanningRpc.projectGet, { id: ofB.id }, tenantA), // another tenant's project
        rpc.send(PlanningRpc.projectGet, { id: ofA[0].id }, tenantB), // ditto
        rpc.send(PlanningRpc.projectGet, { id: ofA[1].id }, tenantA), // the same project twice
      ];
      const answers = await Promise.allSettled(reads);
      expect(answers.slice(0, 4)).toEqual([...ofA, ofB].map((value) => ({ status: 'fulfilled', value })));
      for (const refused of answers.slice(4, 6)) {
        expect(refused.status).toBe('rejected');
        expect(((refused as PromiseRejectedResult).reason as RpcError).code).toBe(ErrorCode.NotFound);
      }
      expect(answers[6]).toEqual({ status: 'fulfilled', value: ofA[1] });
    } finally {
      spy.mockRestore();
    }
    // seven reads, fewer queries: at least one of them answered several reads
    expect(names).toContain('planning.project.view-many');
    expect(names.length).toBeLessThan(7);
  });

  it('answers a malformed id as no project, without failing the reads batched with it', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Batched with junk' }, tenantA);
    const projects = app.get(ProjectRepository);
    const [junk, junkTenant, real] = await Promise.all([
      projects.findView(tenantA.tenantId!, 'not-a-uuid'),
      projects.findView("x' OR '1'='1", p.id),
      projects.findView(tenantA.tenantId!, p.id),
    ]);
    expect(junk).toBeNull();
    expect(junkTenant).toBeNull();
    expect(real).toEqual(p);
  });

  it('refuses a project in another tenant’s portfolio', async () => {
    const portfolio = await rpc.send(PlanningRpc.portfolioCreate, { name: 'A only' }, tenantA);
    const err = await rpcError(
      rpc.send(PlanningRpc.projectCreate, { name: 'sneaky', portfolioId: portfolio.id }, tenantB),
    );
    expect(err.code).toBe(ErrorCode.ValidationFailed);
    expect(err.details?.errors?.[0]?.field).toBe('portfolioId');
  });

  it('archives a portfolio (status archived) and refuses new projects in it', async () => {
    const portfolio = await rpc.send(PlanningRpc.portfolioCreate, { name: 'Closing down' }, tenantA);
    expect(portfolio).toMatchObject({ status: 'active', archivedAt: null, version: 1 });
    const archived = await rpc.send(
      PlanningRpc.portfolioArchive,
      { id: portfolio.id, expectedVersion: 1 },
      tenantA,
    );
    expect(archived).toMatchObject({ status: 'archived', version: 2 });
    expect(archived.archivedAt).not.toBeNull();
    const err = await rpcError(
      rpc.send(PlanningRpc.projectCreate, { name: 'too late', portfolioId: portfolio.id }, tenantA),
    );
    expect(err.code).toBe(ErrorCode.Conflict);
  });

  it('rejects a malformed payload with the field named, and writes nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM planning.project`);
    const err = await rpcError(rpc.send(PlanningRpc.projectCreate, { name: 123 } as never, tenantA));
    expect(err.code).toBe(ErrorCode.ValidationFailed);
    expect(err.details?.errors?.map((e) => e.field)).toContain('name');
    const dates = await rpcError(
      rpc.send(
        PlanningRpc.projectCreate,
        { name: 'x', startDate: '2027-05-01', targetDate: '2027-04-01' },
        tenantA,
      ),
    );
    expect(dates.details?.errors?.[0]?.field).toBe('targetDate');
    const after = await db.query(`SELECT count(*)::int AS n FROM planning.project`);
    expect(after).toEqual(before);
  });

  it('rejects a malformed envelope before any handler runs', async () => {
    const err = await rpcError(rpc.send(PlanningRpc.projectList, {}, { ...tenantA, tenantId: 'not-a-uuid' }));
    expect(err.code).toBe(ErrorCode.ValidationFailed);
    expect(err.details?.errors?.[0]?.field).toBe('envelope.tenantId');
    const anonymous = await rpcError(
      rpc.send(PlanningRpc.projectList, {}, { ...tenantA, actor: undefined as never }),
    );
    expect(anonymous.code).toBe(ErrorCode.ValidationFailed);
    expect(anonymous.details?.errors?.[0]?.field).toBe('envelope.actor');
  });

  it('refuses a duplicate code in the tenant but allows it in another tenant', async () => {
    await rpc.send(PlanningRpc.projectCreate, { name: 'one', code: 'DUP-1' }, tenantA);
    const err = await rpcError(rpc.send(PlanningRpc.projectCreate, { name: 'two', code: 'DUP-1' }, tenantA));
    expect(err.code).toBe(ErrorCode.Conflict);
    await expect(
      rpc.send(PlanningRpc.projectCreate, { name: 'three', code: 'DUP-1' }, tenantB),
    ).resolves.toMatchObject({ code: 'DUP-1' });
  });

  it('pages through a filtered, sorted list with cursors, each row exactly once', async () => {
    const tenant = { ...tenantA, tenantId: '3b1f6c2e-8d4a-4e5b-9f6c-7a8b9c0d1e2f' };
    const names = Array.from({ length: 7 }, (_, i) => `Proj ${String.fromCharCode(71 - i)}`); // G..A
    for (const [i, name] of names.entries()) {
      await rpc.send(PlanningRpc.projectCreate, { name, status: i % 2 ? 'active' : 'proposed' }, tenant);
    }
    const seen: ProjectResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc.send(PlanningRpc.projectList, { sort: 'name', limit: 3, cursor }, tenant);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((p) => p.name)).toEqual([...names].sort());

    const desc = await rpc.send(PlanningRpc.projectList, { sort: '-name', limit: 2 }, tenant);
    expect(desc.items.map((p) => p.name)).toEqual(['Proj G', 'Proj F']);

    const active = await rpc.send(PlanningRpc.projectList, { status: ['active'], limit: 100 }, tenant);
    expect(active.items).toHaveLength(3);
    expect(active.items.every((p) => p.status === 'active')).toBe(true);

    // a cursor belongs to its sort: reusing it with another sort is refused, naming the field
    const bad = await rpcError(
      rpc.send(PlanningRpc.projectList, { sort: 'name', cursor: desc.nextCursor! }, tenant),
    );
    expect(bad.details?.errors?.[0]?.field).toBe('cursor');
  });

  it('writes each change to the outbox in the same transaction and relays it to JetStream with Nats-Msg-Id = event id', async () => {
    const p = await rpc.send(PlanningRpc.projectCreate, { name: 'Evented' }, tenantA);
    const rows = (await db.query(
      `SELECT id, subject, published_at FROM planning.outbox WHERE payload->'aggregate'->>'id' = $1`,
      [p.id],
    )) as {
      id: string;
      subject: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toBe(PlanningEvents.projectCreated.subject);
    await waitFor(
      async () => {
        const r = await db.query(`SELECT published_at FROM planning.outbox WHERE id = $1`, [rows[0]!.id]);
        return r[0].published_at !== null;
      },
      { what: 'the relay to publish' },
    );

    const nats = app.get(NatsClient);
    const jsm = await jetstreamManager(nats.connection);
    const msg = await jsm.streams.getMessage(streamName(env.subjectPrefix), {
      last_by_subj: nats.subject(PlanningEvents.projectCreated.subject),
    });
    expect(msg).not.toBeNull();
    expect(msg!.header.get('Nats-Msg-Id')).toBe(rows[0]!.id);
    const event = msg!.json<{ id: string; type: string; tenantId: string; data: ProjectResponse }>();
    expect(event).toMatchObject({
      id: rows[0]!.id,
      type: PlanningEvents.projectCreated.subject,
      tenantId: tenantA.tenantId,
    });
    expect(event.data.id).toBe(p.id);
  });

  it('answers its health subject in the planning queue group', async () => {
    const { healthContract } = await import('@baton/contracts');
    const health = await rpc.send(healthContract('planning'), {}, { actor: { id: 'probe', roles: [] } });
    expect(health).toMatchObject({
      service: 'planning',
      status: 'up',
      checks: { nats: 'up', database: 'up' },
    });
  });
});
