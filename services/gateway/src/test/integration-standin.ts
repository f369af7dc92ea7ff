// A stand-in planning for the idempotency, audit and webhook specs: project create answers over
// real NATS like planning, slowly for name "slow", failing once for names starting "fail-once",
// and emits planning.project.created through the platform outbox (real JetStream).
import { DemoTenants, PlanningEvents, PlanningRpc, type ProjectResponse } from '@baton/contracts';
import {
  BaseConfig,
  loadConfig,
  PlatformModule,
  RpcHandler,
  UnitOfWork,
  type RpcContext,
} from '@baton/platform';
import type { TestEnvironment } from '@baton/testing';
import { Injectable, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';

export const projectFixture = (id: string, extra: Partial<ProjectResponse> = {}): ProjectResponse => ({
  id,
  name: 'ERP rollout',
  code: null,
  description: null,
  portfolioId: null,
  programmeId: null,
  status: 'proposed',
  startDate: null,
  targetDate: null,
  archived: false,
  archivedAt: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

@Injectable()
export class CountingPlanning {
  readonly created: string[] = [];
  private readonly failed = new Set<string>();

  constructor(private readonly uow: UnitOfWork) {}

  @RpcHandler(PlanningRpc.projectCreate)
  async create(req: { name: string }, ctx: RpcContext): Promise<ProjectResponse> {
    this.created.push(req.name);
    if (req.name === 'slow') await new Promise((r) => setTimeout(r, 800));
    if (req.name.startsWith('fail-once') && !this.failed.has(req.name)) {
      this.failed.add(req.name);
      throw new Error('transient failure');
    }
    const project = projectFixture(randomUUID(), { name: req.name });
    await this.emitCreated(ctx.tenantId, project);
    return project;
  }

  /** planning.project.created through the outbox, as planning does */
  emitCreated(tenantId: string, project: ProjectResponse): Promise<void> {
    return this.uow.run(async (tx) => {
      tx.emit(PlanningEvents.projectCreated, {
        tenantId,
        actor: null,
        aggregateId: project.id,
        version: 1,
        data: project,
      });
    });
  }
}

@Module({})
class CountingPlanningModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: CountingPlanningModule,
      imports: [PlatformModule.forService({ service: 'planning', config })],
      providers: [CountingPlanning],
    };
  }
}

export async function startCountingPlanning(
  env: TestEnvironment,
): Promise<{ app: INestApplicationContext; planning: CountingPlanning }> {
  const config = loadConfig(BaseConfig, env.env());
  const app = await NestFactory.createApplicationContext(CountingPlanningModule.register(config), {
    logger: false,
  });
  await app.init();
  return { app, planning: app.get(CountingPlanning) };
}

export const TENANT_A = DemoTenants.demo.id;
export const TENANT_B = DemoTenants.other.id;
