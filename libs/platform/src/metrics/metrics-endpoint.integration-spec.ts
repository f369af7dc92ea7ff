import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { createServer, type AddressInfo } from 'node:net';
import { BaseConfig } from '../config/base-config.js';
import { loadConfig } from '../config/load-config.js';
import { HealthService } from '../health/health.service.js';
import { PlatformModule } from '../platform.module.js';
import { RpcClient } from '../rpc/rpc-client.js';

/** a port the OS has just handed out (and taken back) */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

@Module({})
class WidgetsModule {
  static register(config: BaseConfig): DynamicModule {
    return { module: WidgetsModule, imports: [PlatformModule.forService({ service: 'widgets', config })] };
  }
}

/** Two applications of one service in one process (as tests do), each with its own management port. */
describe('GET /metrics on the management port', () => {
  let env: TestEnvironment;
  let on: INestApplicationContext;
  let off: INestApplicationContext;
  const port = { on: 0, off: 0 };
  const get = (p: number, path: string) => fetch(`http://127.0.0.1:${p}${path}`);

  beforeAll(async () => {
    env = await createTestEnvironment();
    port.on = await freePort();
    do port.off = await freePort();
    while (port.off === port.on);
    const start = (extra: Record<string, string>) =>
      startService(
        WidgetsModule.register(loadConfig(BaseConfig, env.env({ HEALTH_HOST: '127.0.0.1', ...extra }))),
      );
    on = await start({ HEALTH_PORT: String(port.on) });
    off = await start({ HEALTH_PORT: String(port.off), METRICS_ENABLED: 'false' });
  });

  afterAll(async () => {
    await off?.close();
    await on?.close();
    await env?.dispose();
  });

  it('serves the Prometheus text format beside the probes, counting the requests this app answered', async () => {
    const health = on.get(HealthService).contract;
    await on.get(RpcClient).send(health, {}, { actor: { id: 'test', roles: [] } });
    const res = await get(port.on, '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    // one of the two apps answered (a queue group), both count as the one service
    expect(text).toMatch(
      /^baton_rpc_client_requests_total\{target="widgets",subject="widgets\.health",outcome="ok",service="widgets"\} 1$/m,
    );
    expect(text).toMatch(/^baton_db_pool_connections\{state="total",service="widgets"\} [1-9]/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="widgets"\} /m);
    expect((await get(port.on, '/healthz')).status).toBe(200);
    expect((await get(port.on, '/readyz')).status).toBe(200);
    expect((await get(port.on, '/nothing')).status).toBe(404);
  });

  it('answers 404 when METRICS_ENABLED is false, and the probes still work', async () => {
    expect((await get(port.off, '/metrics')).status).toBe(404);
    expect((await get(port.off, '/healthz')).status).toBe(200);
  });
});
