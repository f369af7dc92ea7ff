import { ErrorCode, rpc as defineRpc } from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '../config/base-config.js';
import { loadConfig } from '../config/load-config.js';
import { ConflictError } from '../errors/domain-error.js';
import { PlatformModule } from '../platform.module.js';
import { RpcClient } from './rpc-client.js';
import { RpcError } from './rpc-error.js';
import { RpcHandler } from './rpc-handler.decorator.js';

class SleepRequest {
  @IsInt()
  @Min(0)
  @Max(5000)
  ms: number;
}
class SleepResponse {
  slept: number;
}

const sleep = defineRpc('baton.v1.probe.work.sleep', SleepRequest, SleepResponse);
const conflict = defineRpc('baton.v1.probe.work.conflict', SleepRequest, SleepResponse);
const crash = defineRpc('baton.v1.probe.work.crash', SleepRequest, SleepResponse);
const nobody = defineRpc('baton.v1.nobody.work.get', SleepRequest, SleepResponse);

@Injectable()
class ProbeHandlers {
  @RpcHandler(sleep)
  async sleep(req: SleepRequest): Promise<SleepResponse> {
    await new Promise((r) => setTimeout(r, req.ms));
    return { slept: req.ms };
  }

  @RpcHandler(conflict)
  conflict(): Promise<SleepResponse> {
    throw new ConflictError('already there', { field: 'ms' });
  }

  @RpcHandler(crash)
  crash(): Promise<SleepResponse> {
    throw new Error('secret internals: password=hunter2');
  }
}

@Module({ providers: [ProbeHandlers] })
class ProbeFeature {}

const ctx = { tenantId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', actor: { id: 'probe', roles: [] } };

describe('request/reply over NATS', () => {
  let env: TestEnvironment;
  let server: INestApplicationContext;
  let caller: INestApplicationContext;
  let client: RpcClient;

  const boot = (service: string, extra: object[] = []) =>
    startService({
      module: class {} as never,
      imports: [PlatformModule.forService({ service, config: loadConfig(BaseConfig, env.env({ RPC_TIMEOUT_MS: '400' })) }), ...(extra as never[])],
    });

  beforeAll(async () => {
    env = await createTestEnvironment();
    server = await boot('probe', [ProbeFeature]);
    caller = await boot('caller');
    client = caller.get(RpcClient);
  });

  afterAll(async () => {
    await caller?.close();
    await server?.close().catch(() => undefined);
    await env?.dispose();
  });

  it('returns the handler’s result', async () => {
    await expect(client.send(sleep, { ms: 1 }, ctx)).resolves.toEqual({ slept: 1 });
  });

  it('carries a typed domain error to the caller', async () => {
    await expect(client.send(conflict, { ms: 1 }, ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict, message: 'already there' });
  });

  it('turns an unexpected error into INTERNAL without leaking its message', async () => {
    const err = (await client.send(crash, { ms: 1 }, ctx).catch((e: unknown) => e)) as RpcError;
    expect(err.code).toBe(ErrorCode.Internal);
    expect(err.message).not.toContain('hunter2');
  });

  it('fails at once with SERVICE_UNAVAILABLE when nobody listens', async () => {
    const started = Date.now();
    await expect(client.send(nobody, { ms: 1 }, ctx)).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable });
    expect(Date.now() - started).toBeLessThan(1000); // no waiting for the 400 ms timeout
  });

  it('gives up with TIMEOUT after the configured time when the service is too slow', async () => {
    const started = Date.now();
    await expect(client.send(sleep, { ms: 1500 }, ctx)).rejects.toMatchObject({ code: ErrorCode.Timeout });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(2500);
  });

  it('lets a request in flight finish during graceful shutdown, then stops answering', async () => {
    const inFlight = client.send(sleep, { ms: 250 }, { ...ctx, timeoutMs: 3000 });
    await new Promise((r) => setTimeout(r, 50)); // the request has reached the handler
    await server.close();
    await expect(inFlight).resolves.toEqual({ slept: 250 });
    await expect(client.send(sleep, { ms: 1 }, ctx)).rejects.toBeInstanceOf(RpcError);
  });
});
