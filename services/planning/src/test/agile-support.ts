// Shared by the agile integration specs: the planning service in-process on real Postgres and
// NATS, two tenants, and small helpers that create projects, backlog items and sprints.
import { DemoTenants, PlanningAgileRpc, PlanningRpc } from '@baton/contracts';
import { loadConfig, RpcClient, RpcError, type RpcCallContext } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PlanningConfig } from '../config/env.js';

export const tenantA: RpcCallContext = {
  tenantId: DemoTenants.demo.id,
  actor: { id: 'alice', roles: ['project-manager'] },
};
export const tenantB: RpcCallContext = {
  tenantId: DemoTenants.other.id,
  actor: { id: 'bob', roles: ['pmo-admin'] },
};

export async function rpcError(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    return err as RpcError;
  }
  throw new Error('expected the call to fail');
}

export const fields = (err: RpcError) => err.details?.errors?.map((e) => e.field) ?? [];

export interface AgileHarness {
  rpc: RpcClient;
  db: DataSource;
  newProject(ctx?: RpcCallContext): Promise<string>;
  item(
    projectId: string,
    title: string,
    storyPoints?: number | null,
    ctx?: RpcCallContext,
  ): ReturnType<typeof sendItem>;
  sprint(
    projectId: string,
    startDate: string,
    endDate: string,
    capacity?: number,
    name?: string,
  ): ReturnType<typeof sendSprint>;
}

const sendItem = (
  rpc: RpcClient,
  projectId: string,
  title: string,
  storyPoints: number | null,
  ctx: RpcCallContext,
) => rpc.send(PlanningAgileRpc.backlogItemCreate, { projectId, title, storyPoints }, ctx);
const sendSprint = (
  rpc: RpcClient,
  projectId: string,
  name: string,
  startDate: string,
  endDate: string,
  capacity: number,
) => rpc.send(PlanningAgileRpc.sprintCreate, { projectId, name, startDate, endDate, capacity }, tenantA);

/** For a describe block: a fresh environment and planning service before all its tests, closed after. */
export function useAgilePlanning(): AgileHarness {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  const h = {} as AgileHarness;
  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startService(AppModule.register(loadConfig(PlanningConfig, env.env())));
    h.rpc = app.get(RpcClient);
    h.db = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });
  h.newProject = async (ctx = tenantA) =>
    (await h.rpc.send(PlanningRpc.projectCreate, { name: 'Agile one' }, ctx)).id;
  h.item = (projectId, title, storyPoints = null, ctx = tenantA) =>
    sendItem(h.rpc, projectId, title, storyPoints, ctx);
  h.sprint = (projectId, startDate, endDate, capacity = 20, name = 'Sprint') =>
    sendSprint(h.rpc, projectId, name, startDate, endDate, capacity);
  return h;
}
