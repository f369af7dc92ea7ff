import { createTestEnvironment, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startGateway, type TestGateway } from './support.js';

type Op = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, { headers?: object }>;
};

describe('OpenAPI: idempotency, rate limits, audit and webhooks are documented', () => {
  let env: TestEnvironment;
  let gw: TestGateway;
  const ops = new Map<string, Op>();

  beforeAll(async () => {
    env = await createTestEnvironment();
    gw = await startGateway(env);
    const doc = (await request(gw.server).get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, Op>>;
    };
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) ops.set(op.operationId, op);
  });

  afterAll(async () => {
    await gw?.close();
    await env?.dispose();
  });

  it('every authenticated POST takes an optional Idempotency-Key and documents 409/422', () => {
    for (const id of ['createProject', 'archiveProject', 'createWebhookEndpoint', 'replayWebhookDelivery']) {
      const op = ops.get(id)!;
      expect(op.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
      );
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
    }
    expect(ops.get('getProject')!.parameters?.some((p) => p.name === 'Idempotency-Key')).toBe(false);
  });

  it('every authenticated operation documents 429 with Retry-After and the RateLimit headers', () => {
    for (const id of ['getProject', 'listAuditEvents', 'listWebhookEndpoints']) {
      expect(Object.keys(ops.get(id)!.responses['429']!.headers!)).toEqual([
        'Retry-After',
        'RateLimit',
        'RateLimit-Policy',
      ]);
    }
  });

  it('lists the audit and webhook operations', () => {
    for (const id of [
      'listAuditEvents',
      'listWebhookEventTypes',
      'createWebhookEndpoint',
      'listWebhookEndpoints',
      'getWebhookEndpoint',
      'updateWebhookEndpoint',
      'deleteWebhookEndpoint',
      'rotateWebhookSecret',
      'listWebhookDeliveries',
      'getWebhookDelivery',
      'replayWebhookDelivery',
    ]) {
      expect(ops.has(id)).toBe(true);
    }
  });
});
