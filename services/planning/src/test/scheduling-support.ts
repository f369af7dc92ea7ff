import { DemoTenants, PlanningRpc, type CreateTaskRequest, type TaskResponse } from '@baton/contracts';
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

export interface PlanningHarness {
  env: TestEnvironment;
  app: INestApplicationContext;
  rpc: RpcClient;
  db: DataSource;
}

/** planning in-process on a fresh database and subject prefix, for one describe block */
export function usePlanning(): PlanningHarness {
  const h = {} as PlanningHarness;
  beforeAll(async () => {
    h.env = await createTestEnvironment();
    h.app = await startService(AppModule.register(loadConfig(PlanningConfig, h.env.env())));
    h.rpc = h.app.get(RpcClient);
    h.db = h.app.get(DataSource);
  });
  afterAll(async () => {
    await h.app?.close();
    await h.env?.dispose();
  });
  return h;
}

/** a project starting Monday 2027-01-04 (default Mon–Fri calendar) */
export async function newProject(h: PlanningHarness, ctx = tenantA, extra: Record<string, unknown> = {}) {
  return h.rpc.send(
    PlanningRpc.projectCreate,
    { name: 'Schedule test', startDate: '2027-01-04', ...extra },
    ctx,
  );
}

export async function addTask(
  h: PlanningHarness,
  projectId: string,
  req: Omit<CreateTaskRequest, 'projectId'>,
  ctx = tenantA,
): Promise<TaskResponse> {
  return (await h.rpc.send(PlanningRpc.taskCreate, { projectId, ...req }, ctx)).task;
}

export async function link(
  h: PlanningHarness,
  predecessorId: string,
  successorId: string,
  extra: { type?: 'FS' | 'SS' | 'FF' | 'SF'; lag?: number } = {},
  ctx = tenantA,
) {
  return h.rpc.send(PlanningRpc.dependencyCreate, { predecessorId, successorId, ...extra }, ctx);
}

export async function taskById(
  h: PlanningHarness,
  id: string,
  ctx = tenantA,
  baseline?: string,
): Promise<TaskResponse> {
  return h.rpc.send(PlanningRpc.taskGet, { id, ...(baseline ? { baseline } : {}) }, ctx);
}
