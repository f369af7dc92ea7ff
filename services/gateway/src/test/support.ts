// Helpers for the gateway's integration specs: the gateway in-process on real NATS and Postgres,
// tokens from the test key, and a stand-in planning service answering over real NATS the way
// the real one does (PlatformModule + @RpcHandler methods).
import {
  ByIdRequest,
  DemoTenants,
  PlanningRpc,
  type PortfolioResponse,
  type ProjectResponse,
} from '@baton/contracts';
import {
  BaseConfig,
  ConflictError,
  devSigningKeyBytes,
  loadConfig,
  newDevSigningKey,
  signDevToken,
  NotFoundError,
  PlatformModule,
  RpcHandler,
  VersionMismatchError,
  type RpcContext,
} from '@baton/platform';
import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, jest } from '@jest/globals';
import { Injectable, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createGatewayApp } from '../bootstrap.js';
import { GatewayConfig } from '../config/env.js';
import { staticFilesStub } from './static-files.stub.js';

// Swagger UI loads @fastify/static (CommonJS), which require()s content-disposition@3, an ES
// module: Node 22 can do that, Jest's module registry cannot (it needs Node 24.9+, or a transform
// of that package in jest.config.js). Under Jest only, a small stand-in serves the UI's files.
jest.unstable_mockModule('@fastify/static', async () => ({
  default: staticFilesStub,
  fastifyStatic: staticFilesStub,
}));

export interface TestGateway {
  app: NestFastifyApplication;
  config: GatewayConfig;
  key: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest accepts the raw server
  server: any;
  token(o?: TestTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export interface TestTokenOptions {
  tenantId?: string;
  roles?: string[];
  sub?: string;
  /** to forge tokens the gateway must refuse */
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
}

/** A dev-mode token signed with `key` (base64url): the demo tenant, pmo-admin, valid an hour. */
export async function signTestToken(key: string, o: TestTokenOptions = {}): Promise<string> {
  const {
    expiresInSeconds = 3600,
    tenantId = DemoTenants.demo.id,
    roles = ['pmo-admin'],
    sub = 'test-user',
    ...rest
  } = o;
  return (
    await signDevToken(devSigningKeyBytes(key), {
      tenantId,
      roles,
      sub,
      ttlSeconds: expiresInSeconds,
      ...rest,
    })
  ).token;
}

export async function startGateway(
  env: TestEnvironment,
  extra: Record<string, string> = {},
): Promise<TestGateway> {
  const key = newDevSigningKey();
  const config = loadConfig(
    GatewayConfig,
    // rate limits off unless a spec turns them on (rate-limit.integration-spec.ts): specs fire bursts
    env.env({
      AUTH_DEV_MODE: 'true',
      AUTH_DEV_SIGNING_KEY: key,
      PORT: '0',
      RATE_LIMIT_ENABLED: 'false',
      ...extra,
    }),
  );
  const app = await createGatewayApp(config);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    key,
    server: app.getHttpServer(),
    token: (o = {}) => signTestToken(key, o),
    close: () => app.close(),
  };
}

export const Ids = {
  existing: '11111111-1111-4111-8111-111111111111',
  missing: '22222222-2222-4222-8222-222222222222',
  slow: '33333333-3333-4333-8333-333333333333',
} as const;

/** the version the stand-in's project is at */
export const CURRENT_VERSION = 3;

export interface RecordedCall {
  handler: string;
  payload: unknown;
  ctx: RpcContext;
}

const project = (
  id: string,
  version = CURRENT_VERSION,
  extra: Partial<ProjectResponse> = {},
): ProjectResponse => ({
  id,
  name: 'ERP rollout',
  code: 'ERP-01',
  description: null,
  portfolioId: null,
  programmeId: null,
  status: 'active',
  startDate: null,
  targetDate: null,
  archived: false,
  archivedAt: null,
  version,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const portfolio = (
  id: string,
  version = CURRENT_VERSION,
  extra: Partial<PortfolioResponse> = {},
): PortfolioResponse => ({
  id,
  name: 'Digital Workplace',
  description: null,
  status: 'active',
  version,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  archivedAt: null,
  ...extra,
});

/**
 * Answers planning's project subjects (and portfolio ones but archive, so that one has no
 * responder) like planning would, with typed errors for chosen ids:
 * `missing` → NOT_FOUND, `slow` → no answer within the gateway's timeout, a stale expectedVersion
 * → VERSION_MISMATCH, code `DUP` → CONFLICT. Every call is recorded with its envelope context.
 */
@Injectable()
export class StandInPlanning {
  readonly calls: RecordedCall[] = [];

  private record(handler: string, payload: unknown, ctx: RpcContext) {
    this.calls.push({ handler, payload: JSON.parse(JSON.stringify(payload)), ctx });
  }

  @RpcHandler(PlanningRpc.projectGet)
  async projectGet(req: ByIdRequest, ctx: RpcContext): Promise<ProjectResponse> {
    this.record('projectGet', req, ctx);
    if (req.id === Ids.missing) throw new NotFoundError('project', req.id);
    if (req.id === Ids.slow) await new Promise((r) => setTimeout(r, 1500));
    return project(req.id);
  }

  @RpcHandler(PlanningRpc.projectCreate)
  async projectCreate(req: { name: string; code?: string }, ctx: RpcContext): Promise<ProjectResponse> {
    this.record('projectCreate', req, ctx);
    if (req.code === 'DUP')
      throw new ConflictError(`a project with code ${req.code} exists`, {
        errors: [{ field: 'code', message: 'a project with this code exists' }],
      });
    return project(Ids.existing, 1, { name: req.name, code: req.code ?? null });
  }

  @RpcHandler(PlanningRpc.projectList)
  async projectList(req: { limit?: number; cursor?: string }, ctx: RpcContext) {
    this.record('projectList', req, ctx);
    return { items: [project(Ids.existing)], nextCursor: req.cursor ? null : 'next-page_1' };
  }

  @RpcHandler(PlanningRpc.projectUpdate)
  async projectUpdate(req: { id: string; expectedVersion?: number; changes: object }, ctx: RpcContext) {
    this.record('projectUpdate', req, ctx);
    if (req.id === Ids.missing) throw new NotFoundError('project', req.id);
    if (req.expectedVersion !== undefined && req.expectedVersion !== CURRENT_VERSION) {
      throw new VersionMismatchError('project', req.id, req.expectedVersion, CURRENT_VERSION);
    }
    return project(req.id, CURRENT_VERSION + 1, req.changes as Partial<ProjectResponse>);
  }

  @RpcHandler(PlanningRpc.projectArchive)
  async projectArchive(req: { id: string; expectedVersion?: number }, ctx: RpcContext) {
    this.record('projectArchive', req, ctx);
    if (req.expectedVersion !== undefined && req.expectedVersion !== CURRENT_VERSION) {
      throw new VersionMismatchError('project', req.id, req.expectedVersion, CURRENT_VERSION);
    }
    return project(req.id, CURRENT_VERSION + 1, { archived: true, archivedAt: '2026-01-02T00:00:00.000Z' });
  }
}

@Injectable()
export class StandInPortfolios {
  constructor(private readonly planning: StandInPlanning) {}

  @RpcHandler(PlanningRpc.portfolioCreate)
  async create(req: { name: string; description?: string }, ctx: RpcContext): Promise<PortfolioResponse> {
    this.planning.calls.push({ handler: 'portfolioCreate', payload: req, ctx });
    return portfolio(Ids.existing, 1, { name: req.name, description: req.description ?? null });
  }

  @RpcHandler(PlanningRpc.portfolioGet)
  async get(req: ByIdRequest, ctx: RpcContext): Promise<PortfolioResponse> {
    this.planning.calls.push({ handler: 'portfolioGet', payload: req, ctx });
    if (req.id === Ids.missing) throw new NotFoundError('portfolio', req.id);
    return portfolio(req.id);
  }

  @RpcHandler(PlanningRpc.portfolioList)
  async list(req: object, ctx: RpcContext) {
    this.planning.calls.push({ handler: 'portfolioList', payload: req, ctx });
    return { items: [portfolio(Ids.existing)], nextCursor: null };
  }

  @RpcHandler(PlanningRpc.portfolioUpdate)
  async update(
    req: { id: string; expectedVersion?: number; changes: Partial<PortfolioResponse> },
    ctx: RpcContext,
  ) {
    this.planning.calls.push({ handler: 'portfolioUpdate', payload: JSON.parse(JSON.stringify(req)), ctx });
    if (req.expectedVersion !== undefined && req.expectedVersion !== CURRENT_VERSION) {
      throw new VersionMismatchError('portfolio', req.id, req.expectedVersion, CURRENT_VERSION);
    }
    return portfolio(req.id, CURRENT_VERSION + 1, req.changes);
  }
}

@Module({})
class StandInPlanningModule {
  static register(config: BaseConfig): DynamicModule {
    return {
      module: StandInPlanningModule,
      imports: [PlatformModule.forService({ service: 'planning', config })],
      providers: [StandInPlanning, StandInPortfolios],
    };
  }
}

export interface RunningStandIn {
  app: INestApplicationContext;
  planning: StandInPlanning;
  close(): Promise<void>;
}

/** A Nest application context answering planning's project subjects under the test's prefix. */
export async function startStandInPlanning(env: TestEnvironment): Promise<RunningStandIn> {
  const config = loadConfig(BaseConfig, env.env());
  const app = await NestFactory.createApplicationContext(StandInPlanningModule.register(config), {
    logger: false,
  });
  await app.init();
  return { app, planning: app.get(StandInPlanning), close: () => app.close() };
}

export const PROBLEM_JSON = /^application\/problem\+json/;

export interface GatewayHarness {
  env: TestEnvironment;
  gw: TestGateway;
  standIn: RunningStandIn;
}

/**
 * For a describe block: a fresh environment, the stand-in planning and a gateway before all its
 * tests, all closed after. Read the fields inside tests (they are set by beforeAll).
 */
export function useGatewayWithStandIn(extraEnv: Record<string, string> = {}): GatewayHarness {
  const h = {} as GatewayHarness;
  beforeAll(async () => {
    h.env = await createTestEnvironment();
    h.standIn = await startStandInPlanning(h.env);
    h.gw = await startGateway(h.env, extraEnv);
  });
  afterAll(async () => {
    await h.gw?.close();
    await h.standIn?.close();
    await h.env?.dispose();
  });
  return h;
}
