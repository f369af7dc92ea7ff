// The harness of the resources end-to-end specs: planning and resources in-process on a fresh
// database and subject prefix, the gateway in front of them, tokens for two tenants, and small
// HTTP helpers. Each spec file calls useResourcesPlatform() once, at its top level.
import { DemoTenants, type PersonResponse } from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startGateway, type TestGateway } from '../../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../../services/planning/src/config/env.js';
import { AppModule as ResourcesModule } from '../../../../services/resources/src/app.module.js';
import { ResourcesConfig } from '../../../../services/resources/src/config/env.js';

export const PROBLEM_JSON = /^application\/problem\+json/;

export interface ResourcesPlatform {
  readonly gw: TestGateway;
  /** tenant A's PMO admin (sub `pmo-lena`) */
  readonly admin: string;
  /** tenant B's PMO admin */
  readonly other: string;
  post(path: string, body: object, token?: string): request.Test;
  get(path: string, token?: string): request.Test;
  put(path: string, body: object, token?: string): request.Test;
  patch(path: string, body: object, token?: string): request.Test;
  newProject(name: string, extra?: object): Promise<{ id: string }>;
  newPerson(name: string, extra?: object): Promise<PersonResponse>;
}

export function useResourcesPlatform(): ResourcesPlatform {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let resources: INestApplicationContext;
  let gw: TestGateway;
  let admin = '';
  let other = '';

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    resources = await startService(ResourcesModule.register(loadConfig(ResourcesConfig, env.env())));
    gw = await startGateway(env);
    admin = await gw.token({ sub: 'pmo-lena' });
    other = await gw.token({ tenantId: DemoTenants.other.id });
  });

  afterAll(async () => {
    await gw?.close();
    await resources?.close();
    await planning?.close();
    await env?.dispose();
  });

  const call = (method: 'post' | 'get' | 'put' | 'patch', path: string, token: string) =>
    request(gw.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const platform: ResourcesPlatform = {
    get gw() {
      return gw;
    },
    get admin() {
      return admin;
    },
    get other() {
      return other;
    },
    post: (path, body, token = admin) => call('post', path, token).send(body),
    get: (path, token = admin) => call('get', path, token),
    put: (path, body, token = admin) => call('put', path, token).send(body),
    patch: (path, body, token = admin) => call('patch', path, token).send(body),
    newProject: async (name, extra = {}) =>
      (await platform.post('/projects', { name, ...extra }).expect(201)).body as { id: string },
    newPerson: async (name, extra = {}) =>
      (
        await platform
          .post('/people', { name, email: `${randomUUID().slice(0, 8)}@example.com`, ...extra })
          .expect(201)
      ).body as PersonResponse,
  };
  return platform;
}
