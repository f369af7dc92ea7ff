import { HealthService, LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { GatewayConfig } from '../config/env.js';

/**
 * On shutdown, HTTP goes first: /readyz turns 503, Fastify stops accepting connections and lets
 * in-flight requests finish (they still need NATS), and only then does the platform lifecycle
 * drain NATS and close the pool. Nest would otherwise close the HTTP server after those hooks.
 * This provider lives in the root module, whose hooks run before the imported PlatformModule's.
 *
 * Responses sent while closing carry `Connection: close`, so a keep-alive connection does not
 * hold the server open after its last request; after SHUTDOWN_TIMEOUT_MS the rest are cut.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthService,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // Registered here, while Fastify is not ready yet (providers are built before init).
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.closing) reply.header('Connection', 'close');
      done(null, payload);
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.closing = true;
    this.health.markShuttingDown();
    const started = Date.now();
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const deadline = setTimeout(() => {
      this.logger.warn({ ms: this.config.SHUTDOWN_TIMEOUT_MS }, 'closing the connections still open');
      server.closeAllConnections();
    }, this.config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    try {
      await this.adapterHost.httpAdapter.close();
    } finally {
      clearTimeout(deadline);
    }
    this.logger.info({ signal, ms: Date.now() - started }, 'http server closed');
  }
}
