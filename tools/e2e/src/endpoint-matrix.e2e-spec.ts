import { Roles } from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PermissionMatrix, type Permission } from '../../../services/gateway/src/auth/permissions.js';
import { createGatewayApp } from '../../../services/gateway/src/bootstrap.js';
import { GatewayConfig } from '../../../services/gateway/src/config/env.js';
import {
  newSigningKey,
  signOidcToken,
  startJwksServer,
  type JwksServer,
  type TestSigningKey,
} from '../../../services/gateway/src/test/jwks-server.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';
import { AppModule as ReportingModule } from '../../../services/reporting/src/app.module.js';
import { ReportingConfig } from '../../../services/reporting/src/config/env.js';
import { AppModule as ResourcesModule } from '../../../services/resources/src/app.module.js';
import { ResourcesConfig } from '../../../services/resources/src/config/env.js';
import { BatonClient, type ApiResult } from '../../openapi/client/client.js';
import { staticFilesStub } from '../../../services/gateway/src/test/static-files.stub.js';
import {
  createPlanningAndResourceFixtures,
  DEPARTMENT,
  HOLIDAYS,
  LISTED,
  must,
  pathParamsFor,
  QUERIES,
  WEEK,
} from './support/matrix-fixtures.js';
import {
  loadDocument,
  operationsOf,
  propertiesOf,
  sample,
  type WalkedOperation,
} from './support/openapi-walk.js';

// As in the gateway's own specs: Swagger UI's @fastify/static cannot load under Jest's registry.
jest.unstable_mockModule('@fastify/static', async () => ({
  default: staticFilesStub,
  fastifyStatic: staticFilesStub,
}));

/**
 * The issue's "done when" matrix over EVERY operation of the committed services/gateway/openapi.json,
 * against the real gateway (OIDC against a real JWKS server, no dev mode), planning, resources and
 * reporting:
 * no token / tampered / expired / wrong audience → 401; roles lacking the permission → 403;
 * another tenant → 404 for the first tenant's objects and none of them in its lists; fields a
 * caller may not set → 400 naming the field. Operations added later are walked too: their path
 * parameters are filled with tenant A's real objects (support/matrix-fixtures.ts, by path prefix);
 * a parameter no rule covers gets a fresh uuid and fails the "200 for the permission" control.
 */
const ISSUER = 'https://idp.matrix.test';
const AUDIENCE = 'baton-api';
const PUBLIC_OPERATIONS = ['liveness', 'readiness'];
/** fields no body may carry unless its schema declares them: the server owns them (or they are immutable) */
const SERVER_OWNED = [
  'tenantId',
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'archivedAt',
  'archived',
];
const RESOURCE_OWNED = [
  'userId',
  'subject',
  'prefix',
  'secretHash',
  'key',
  'revokedAt',
  'rotatedAt',
  'status',
];

const doc = loadDocument();
const operations = operationsOf(doc);
const protectedOps = operations.filter((o) => !o.isPublic);
const rows = (ops: WalkedOperation[]) =>
  ops.map((o): [string, string, WalkedOperation] => [o.method.toUpperCase(), o.path, o]);

describe('endpoint matrix over openapi.json', () => {
  let env: TestEnvironment;
  let jwks: JwksServer;
  let key: TestSigningKey;
  let planning: INestApplicationContext;
  let reporting: INestApplicationContext;
  let resources: INestApplicationContext;
  let gateway: NestFastifyApplication;
  let api: BatonClient;
  const t: Record<string, string> = {}; // tokens
  const A: Record<string, string> = {}; // tenant A's objects (ids only)
  let tenantBId = '';

  const token = (
    sub: string,
    claims: Record<string, unknown> = {},
    o: { audience?: string; expiresIn?: number } = {},
  ) => signOidcToken(key, ISSUER, AUDIENCE, { sub, claims, ...o });

  beforeAll(async () => {
    env = await createTestEnvironment();
    key = await newSigningKey('matrix-1');
    jwks = await startJwksServer([key]);
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    reporting = await startService(ReportingModule.register(loadConfig(ReportingConfig, env.env())));
    resources = await startService(ResourcesModule.register(loadConfig(ResourcesConfig, env.env())));
    gateway = await createGatewayApp(
      loadConfig(
        GatewayConfig,
        env.env({
          PORT: '0',
          OIDC_ISSUER: ISSUER,
          OIDC_AUDIENCE: AUDIENCE,
          OIDC_JWKS_URI: jwks.url,
          OIDC_ALGORITHMS: 'RS256',
          PLATFORM_ADMIN_SUBJECTS: 'platform-root',
          // the matrix fires hundreds of requests per caller: rate limits (issue 5's other half) off
          RATE_LIMIT_ENABLED: 'false',
          // tenant A's webhook fixture points at a closed local port (its deliveries exist and fail)
          WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
        }),
      ),
    );
    await gateway.listen(0, '127.0.0.1');
    const { port } = gateway.getHttpServer().address() as AddressInfo;
    api = new BatonClient(`http://127.0.0.1:${port}`);

    // Bootstrap through the API, as an operator would: a platform admin creates two tenants.
    t.root = await token('platform-root');
    const root = api.as(t.root);
    const tenantA = must(
      await root.request('post', '/api/v1/tenants', {
        body: { name: 'Tenant A', admin: { subject: 'a-admin' } },
      }),
      201,
    );
    const tenantB = must(
      await root.request('post', '/api/v1/tenants', {
        body: { name: 'Tenant B', admin: { subject: 'b-admin' } },
      }),
      201,
    );
    A.tenant = tenantA.id;
    tenantBId = tenantB.id;
    t.adminA = await token('a-admin', { tid: tenantA.id });
    t.adminB = await token('b-admin', { tid: tenantB.id });

    const a = api.as(t.adminA);
    const portfolio = must(
      await a.request('post', '/api/v1/portfolios', { body: { name: 'Secret portfolio A' } }),
      201,
    );
    const programme = must(
      await a.request('post', '/api/v1/programmes', {
        body: { name: 'Secret programme A', code: 'SEC-PRG-A', portfolioId: portfolio.id },
      }),
      201,
    );
    // in the programme: another tenant must not learn it from any project answer either
    const project = must(
      await a.request('post', '/api/v1/projects', {
        body: { name: 'Secret project A', code: 'SEC-A', programmeId: programme.id },
      }),
      201,
    );
    const user = must(
      await a.request('post', '/api/v1/users', {
        body: {
          subject: 'a-member',
          displayName: 'Secret member A',
          roles: [{ role: 'viewer' }, { role: 'project-manager', projectId: project.id }],
        },
      }),
      201,
    );
    const apiKey = must(
      await a.request('post', '/api/v1/api-keys', { body: { name: 'Secret key A', role: 'viewer' } }),
      201,
    );
    // API keys are credentials like tokens: a viewer key of A, a pmo-admin key of B
    t.viewerKeyA = apiKey.key;
    const b = api.as(t.adminB);
    t.adminKeyB = must(
      await b.request('post', '/api/v1/api-keys', { body: { name: 'B admin key', role: 'pmo-admin' } }),
      201,
    ).key;
    Object.assign(A, {
      portfolio: portfolio.id,
      programme: programme.id,
      project: project.id,
      user: user.id,
      roleAssignment: user.roles[1]!.id,
      apiKey: apiKey.id,
    });
    Object.assign(A, await createPlanningAndResourceFixtures(a, project.id));
    await waitFor(
      async () =>
        (await a.request('get', '/api/v1/reporting/projects/{id}', { path: { id: project.id } })).status ===
        200,
      {
        what: 'reporting read model of tenant A project',
        timeoutMs: 15_000,
      },
    );
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    await resources?.close();
    await reporting?.close();
    await planning?.close();
    await jwks?.close();
    await env?.dispose();
  });

  /** the operation's path (and required query) aimed at tenant A's objects */
  const fill = (o: WalkedOperation): string => {
    const params = pathParamsFor(o.path, A);
    const path = o.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
    return path + (QUERIES[o.path] ?? '');
  };

  const bodyOf = (o: WalkedOperation) =>
    o.bodySchema ? sample(doc, o.bodySchema, { uuid: randomUUID }) : undefined;
  const call = (o: WalkedOperation, as: string | null, body = bodyOf(o)) =>
    api.raw(o.method, fill(o), { as, body });

  const expectProblem = (res: ApiResult<unknown>, status: number) => {
    expect({ status: res.status, code: res.problem?.code }).toMatchObject({ status });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.problem?.requestId).toBe(res.headers.get('x-request-id'));
  };

  it('walks the very document the gateway serves', async () => {
    const served = await api.raw('get', '/api/v1/openapi.json', { as: null });
    expect(served.status).toBe(200);
    expect(served.data).toEqual(doc);
  });

  it('declares a permission on every operation but the public probes', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(
      operations
        .filter((o) => o.isPublic)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(PUBLIC_OPERATIONS);
    for (const o of protectedOps)
      expect({ op: o.operationId, permission: o.permission }).toEqual({
        op: o.operationId,
        permission: expect.any(String),
      });
  });

  it.each(rows(protectedOps))(
    '%s %s → 401 without a token, and with a tampered, an expired or a wrong-audience token',
    async (_m, _p, o) => {
      const [h, p, s] = t.adminA!.split('.');
      const tampered = `${h}.${p}.${s!.slice(0, -4)}${s!.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      const escalated = `${h}.${Buffer.from(JSON.stringify({ sub: 'a-admin', tid: A.tenant, roles: ['pmo-admin'], iss: ISSUER, aud: AUDIENCE, exp: 4e9 })).toString('base64url')}.${s}`;
      const expired = await token('a-admin', { tid: A.tenant }, { expiresIn: -3600 });
      const wrongAudience = await token('a-admin', { tid: A.tenant }, { audience: 'another-api' });
      for (const as of [null, tampered, escalated, expired, wrongAudience]) {
        const res = await call(o, as);
        expectProblem(res, 401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="baton"/);
      }
    },
  );

  it.each(rows(protectedOps))(
    '%s %s → 403 for roles lacking its permission and for no roles',
    async (_m, _p, o) => {
      const lacking = Roles.filter((r) => !PermissionMatrix[r].has(o.permission as Permission));
      for (const roles of [lacking, []]) {
        const res = await call(o, await token(`a-outsider-${roles.length}`, { tid: A.tenant, roles }));
        expectProblem(res, 403);
        expect(res.problem?.detail).not.toMatch(/Secret/);
      }
      if (lacking.includes('viewer')) expectProblem(await call(o, t.viewerKeyA!), 403);
    },
  );

  /**
   * Holidays are keyed by (location, year) inside each tenant's own namespace, not by an object id:
   * tenant B asking for the location and year tenant A filled reads (and may write) its OWN list,
   * which holds none of A's holidays. The last test checks A's list survived B's PUT.
   */
  const isNamespace = (o: WalkedOperation) => o.path.startsWith('/api/v1/holidays/{location}/{year}');
  const byId = protectedOps.filter((o) => o.pathParams.length > 0 && !isNamespace(o));
  it.each(rows(byId))(
    "%s %s → 404 for another tenant's admin (token or API key), learning nothing",
    async (_m, _p, o) => {
      for (const as of [t.adminB!, t.adminKeyB!]) {
        const res = await call(o, as);
        if (o.permission === 'platform:admin') {
          expectProblem(res, 403); // tenants are the platform's, not any tenant's
          continue;
        }
        expectProblem(res, 404);
        expect(JSON.stringify(res.problem)).not.toMatch(/Secret|SEC-A|a-member|a-admin/);
      }
    },
  );

  it.each(rows(protectedOps.filter(isNamespace)))(
    "%s %s → another tenant's admin works in its own namespace and sees none of tenant A's entries",
    async (_m, _p, o) => {
      for (const as of [t.adminB!, t.adminKeyB!]) {
        const res = await call(o, as);
        expect({ status: res.status, problem: res.problem }).toMatchObject({ status: 200 });
        expect(res.data).toMatchObject({ location: HOLIDAYS.location, year: Number(HOLIDAYS.year) });
        expect(JSON.stringify(res.data)).not.toMatch(/Secret/);
      }
    },
  );

  const lists = protectedOps.filter((o) => o.method === 'get' && o.pathParams.length === 0);
  it("knows which of tenant A's objects every top-level list shows", () => {
    expect(lists.map((o) => o.path).sort()).toEqual(Object.keys(LISTED).sort());
  });

  it.each(rows(lists))(
    "%s %s → another tenant's answer holds none of tenant A's objects (tenant A's holds them)",
    async (_m, _p, o) => {
      const expected = LISTED[o.path];
      if (expected) {
        const mine = await call(o, o.permission === 'platform:admin' ? t.root! : t.adminA!);
        expect({ status: mine.status, problem: mine.problem }).toMatchObject({ status: 200 });
        expect(JSON.stringify(mine.data)).toContain(A[expected]!);
      }
      const res = await call(o, t.adminB!);
      if (o.permission === 'platform:admin') return expectProblem(res, 403);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.data);
      for (const id of Object.values(A)) expect(text).not.toContain(id);
      expect(text).not.toMatch(/Secret|SEC-A|a-member/);
    },
  );

  /**
   * Tenant B's whole audit log, every page. It legitimately holds tenant A's ids as `targetId`: the
   * ids B itself tried to reach above (its own requests, answered 404). What must never be there is
   * tenant A's activity: every entry carries B's tenant id, a B actor, and any A id is only the
   * target of one of B's refused requests.
   */
  it("GET /api/v1/audit-events → another tenant's log holds only its own requests, never tenant A's", async () => {
    const b = api.as(t.adminB!);
    const entries: Array<{
      tenantId: string;
      actor: { id: string };
      targetId: string | null;
      status: number;
    }> = [];
    let cursor: string | undefined;
    do {
      const page = must(
        await b.request('get', '/api/v1/audit-events', { query: { limit: 100, cursor } }),
        200,
      );
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(entries.length).toBeGreaterThan(0); // B's refused writes above are audited
    const aIds = new Set(Object.values(A));
    for (const e of entries) {
      expect(e.tenantId).toBe(tenantBId);
      expect(e.actor.id).not.toMatch(/^a-/);
      if (e.targetId && aIds.has(e.targetId)) expect(e.status).toBeGreaterThanOrEqual(400);
    }
    // tenant A's names ("Secret …"; routes such as rotate-secret are B's own)
    expect(JSON.stringify(entries)).not.toMatch(/Secret |SEC-A|SECRET-PO/);
  });

  /** staffing is computed per tenant: B can neither name A's skills nor receive A's people */
  it("POST /api/v1/staffing/search → another tenant finds none of tenant A's people", async () => {
    const window = { startDate: WEEK, endDate: '2027-01-15' };
    const a = api.as(t.adminA!);
    const found = must(
      await a.request('post', '/api/v1/staffing/search', {
        body: { requiredSkills: [{ skillId: A.skill! }], ...window },
      }),
      200,
    );
    expect(found.candidates.map((c) => c.personId)).toContain(A.person);

    const b = api.as(t.adminB!);
    const refused = await b.raw('post', '/api/v1/staffing/search', {
      body: { requiredSkills: [{ skillId: A.skill! }], ...window },
    });
    expectProblem(refused, 400); // A's skill is not in B's catalogue
    expect(refused.problem?.errors).toEqual([
      { field: 'requiredSkills.0.skillId', message: expect.any(String) },
    ]);
    expect(JSON.stringify(refused.problem)).not.toMatch(/Secret|SEC-A/);
    const own = must(await b.request('post', '/api/v1/skills', { body: { name: 'B skill' } }), 201);
    const none = must(
      await b.request('post', '/api/v1/staffing/search', {
        body: { requiredSkills: [{ skillId: own.id }], ...window },
      }),
      200,
    );
    const text = JSON.stringify(none);
    for (const id of Object.values(A)) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Secret/);
  });

  const reads = protectedOps.filter((o) => o.method === 'get');
  it.each(rows(reads))('%s %s → 200 for a role holding the permission (the control)', async (_m, _p, o) => {
    const res = await call(o, o.permission === 'platform:admin' ? t.root! : t.adminA!);
    expect({ status: res.status, problem: res.problem }).toMatchObject({ status: 200 });
  });

  const withBodies = protectedOps.filter((o) => o.bodySchema);
  it.each(rows(withBodies))(
    '%s %s → 400 naming each server-owned field a caller sends (mass assignment)',
    async (_m, _p, o) => {
      const as = o.permission === 'platform:admin' ? t.root! : t.adminA!;
      const declared = propertiesOf(doc, o.bodySchema);
      const forbidden = [...SERVER_OWNED, ...RESOURCE_OWNED].filter((f) => !declared.includes(f));
      expect(forbidden.length).toBeGreaterThan(0);
      for (const field of forbidden) {
        const body = {
          ...(bodyOf(o) as object),
          [field]: field === 'version' ? 99 : field === 'archived' ? true : randomUUID(),
        };
        const res = await call(o, as, body);
        expectProblem(res, 400);
        expect(res.problem?.errors).toEqual([{ field, message: expect.stringContaining(field) }]);
      }
    },
  );

  it('leaves tenant A untouched by everything above: its objects are as they were', async () => {
    const a = api.as(t.adminA!);
    const project = must(await a.request('get', '/api/v1/projects/{id}', { path: { id: A.project! } }), 200);
    expect(project).toMatchObject({ name: 'Secret project A', version: 1, archived: false, programmeId: A.programme });
    const user = must(await a.request('get', '/api/v1/users/{id}', { path: { id: A.user! } }), 200);
    expect(user.roles).toHaveLength(2);
    const key = must(await a.request('get', '/api/v1/api-keys/{id}', { path: { id: A.apiKey! } }), 200);
    expect(key.status).toBe('active');
    const projects = must(await a.request('get', '/api/v1/projects', { query: { limit: 100 } }), 200);
    // no create with a smuggled field got through: only the fixtures' two projects exist
    expect(projects.items.map((p) => p.name).sort()).toEqual(['Secret leveled project A', 'Secret project A']);
    const person = must(await a.request('get', '/api/v1/people/{id}', { path: { id: A.person! } }), 200);
    expect(person).toMatchObject({ name: 'Secret person A', version: 1, department: DEPARTMENT });
    const leave = must(await a.request('get', '/api/v1/people/{id}/leave', { path: { id: A.person! } }), 200);
    expect(JSON.stringify(leave)).toContain(A.leave!);
    const holidays = must(
      await a.request('get', '/api/v1/holidays/{location}/{year}', {
        path: { location: HOLIDAYS.location, year: Number(HOLIDAYS.year) },
      }),
      200,
    );
    expect(holidays.holidays).toEqual([
      expect.objectContaining({ date: '2027-01-06', name: 'Secret holiday A' }),
    ]);
    const sheet = must(
      await a.request('get', '/api/v1/people/{personId}/timesheets/{weekStart}', {
        path: { personId: A.person!, weekStart: WEEK },
      }),
      200,
    );
    expect(sheet).toMatchObject({ status: 'draft', totalHours: 4 });
    for (const [path, id] of [
      ['/api/v1/programmes/{id}', A.programme],
      ['/api/v1/tasks/{id}', A.task],
      ['/api/v1/sprints/{id}', A.sprint],
      ['/api/v1/backlog-items/{id}', A.backlogItem],
      ['/api/v1/change-requests/{id}', A.changeRequest],
      ['/api/v1/assignments/{id}', A.assignment],
      ['/api/v1/webhooks/endpoints/{id}', A.webhook],
    ] as const) {
      const res = must(await a.raw('get', path.replace('{id}', id!)), 200);
      expect(res).toMatchObject({ id, version: 1 });
    }
  });
});
