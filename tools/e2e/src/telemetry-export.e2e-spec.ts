import { healthContract } from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, NatsClient, RpcClient, type BaseConfig } from '@baton/platform';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/**
 * The built planning binary exports its spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. The collector is outside Baton, so here it is a real local HTTP server recording what
 * it receives. One request over NATS must yield the service's span and, as its child, the
 * Postgres span of the health check's query.
 */
describe('OpenTelemetry export from a running service', () => {
  let env: TestEnvironment;
  let collector: Server;
  let child: ChildProcess;
  let nats: NatsClient;
  const spans: { service: string; span: OtlpSpan }[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const doc = JSON.parse(body) as {
            resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const rs of doc.resourceSpans) {
            const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
            for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ service, span });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const { build } = (await import(join(root, 'tools/build.mjs'))) as { build: (o: object) => Promise<unknown> };
    await build({ quiet: true });
    child = spawn(process.execPath, [join(root, 'dist/services/planning/src/main.js')], {
      env: {
        ...process.env,
        ...env.env({ LOG_LEVEL: 'warn' }),
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    nats = await NatsClient.connect({ url: env.natsUrl, name: 'otel-test', prefix: env.subjectPrefix, logger: createLogger('test', 'silent') });
  });

  afterAll(async () => {
    await nats?.drain();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await new Promise((r) => collector?.close(r));
    await env?.dispose();
  });

  it('exports the NATS server span and its Postgres child span to the OTLP endpoint', async () => {
    const rpc = new RpcClient(nats, { RPC_TIMEOUT_MS: 1000 } as BaseConfig);
    await waitFor(() => rpc.send(healthContract('planning'), {}, { actor: { id: 'probe', roles: [] } }).then(() => true), {
      what: 'planning to answer',
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    const server = await waitFor(async () => spans.find((s) => s.span.name === 'process baton.v1.planning.health'), {
      what: 'the exported NATS span',
      timeoutMs: 10_000,
    });
    expect(server.service).toBe('baton-planning');
    const db = await waitFor(async () => spans.find((s) => s.span.parentSpanId === server.span.spanId), {
      what: 'a Postgres span under the NATS span',
      timeoutMs: 10_000,
    });
    expect(db.span.traceId).toBe(server.span.traceId);
    expect(db.span.name.toLowerCase()).toMatch(/select|pg|postgres/);
  });
});
