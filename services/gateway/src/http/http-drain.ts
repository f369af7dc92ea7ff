import { HealthService, LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * On shutdown, HTTP goes first: /readyz turns 503, Fastify stops accepting connections and lets
 * in-flight requests finish (they still need NATS), and only then does the platform lifecycle
 * drain NATS and close the pool. Nest would otherwise close the HTTP server after those hooks.
 * This provider lives in the root module, whose hooks run before the imported PlatformModule's.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.health.markShuttingDown();
    const started = Date.now();
    await this.adapterHost.httpAdapter.close();
    this.logger.info({ signal, ms: Date.now() - started }, 'http server closed');
  }
}
