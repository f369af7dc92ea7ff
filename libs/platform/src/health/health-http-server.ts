import { Inject, Injectable } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { BASE_CONFIG, LOGGER } from '../platform-options.js';
import type { BaseConfig } from '../config/base-config.js';
import { Metrics } from '../metrics/metrics.js';
import { HealthService } from './health.service.js';

/**
 * The management port: `/healthz` and `/readyz` (Kubernetes probes) and `/metrics` (Prometheus)
 * over plain HTTP, for every service. The gateway also answers the probes on its public port,
 * but metrics only ever here. Off when HEALTH_PORT is 0.
 */
@Injectable()
export class HealthHttpServer {
  private server?: Server;

  constructor(
    private readonly health: HealthService,
    private readonly metrics: Metrics,
    @Inject(BASE_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (!this.config.HEALTH_PORT) return;
    this.server = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '').split('?')[0];
      if (path === '/healthz') return send(200, { status: 'ok' });
      if (path === '/readyz') {
        this.health
          .readiness()
          .then((r) => send(r.ready ? 200 : 503, { status: r.ready ? 'ok' : 'unavailable', ...r }))
          .catch(() => send(503, { status: 'unavailable' }));
        return;
      }
      if (path === '/metrics' && this.metrics.enabled) {
        this.metrics
          .render()
          .then((text) => {
            res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' });
            res.end(text);
          })
          .catch((err: unknown) => {
            this.logger.warn({ err }, 'metrics could not be rendered');
            send(500, { status: 500, title: 'Internal Server Error' });
          });
        return;
      }
      send(404, { status: 404, title: 'Not Found' });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.HEALTH_PORT, this.config.HEALTH_HOST, () => resolve());
    });
    this.metrics.startRuntimeMetrics();
    this.logger.info({ port: this.port(), metrics: this.metrics.enabled }, 'health endpoints listening');
  }

  /** the port listened on (HEALTH_PORT, or the one the OS chose); undefined when off */
  port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
