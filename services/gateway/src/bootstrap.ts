import { closeOnSignals, createLogger, LOGGER, Metrics, PinoNestLogger, type Logger } from '@baton/platform';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayModule } from './app.module.js';
import type { GatewayConfig } from './config/env.js';
import { installJsonBodyParser } from './http/body-parsers.js';
import { problemClientErrorHandler } from './http/client-error.js';
import { installHttpMetrics } from './http/http-metrics.js';
import { genReqId } from './http/request-id.js';
import { installRouteMethods } from './http/method-not-allowed.js';
import { installRequestLogging } from './http/request-logging.js';
import { setupOpenApi } from './openapi/openapi.js';

export const API_PREFIX = 'api/v1';

export interface CreateGatewayAppOptions {
  /** the logger for Nest's own messages (default: a pino logger at LOG_LEVEL) */
  logger?: Logger;
}

/**
 * The gateway as a Nest application on Fastify, initialised but not listening: `main.ts` calls
 * `listen()`, tests drive `app.getHttpServer()` with supertest after
 * `await app.getHttpAdapter().getInstance().ready()`.
 */
export async function createGatewayApp(
  config: GatewayConfig,
  opts: CreateGatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId,
    requestIdHeader: false,
    return503OnClosing: true,
    clientErrorHandler: problemClientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config), adapter, {
    logger: new PinoNestLogger(opts.logger ?? createLogger('gateway', config.LOG_LEVEL)),
    bodyParser: false,
    abortOnError: false,
  });
  try {
    const fastify = app.getHttpAdapter().getInstance();
    installJsonBodyParser(fastify, config.BODY_LIMIT_BYTES);
    installRequestLogging(fastify, app.get<Logger>(LOGGER));
    installHttpMetrics(fastify, app.get(Metrics));
    installRouteMethods(fastify);
    app.setGlobalPrefix(API_PREFIX, {
      exclude: [
        { path: 'healthz', method: RequestMethod.GET },
        { path: 'readyz', method: RequestMethod.GET },
      ],
    });
    setupOpenApi(app, config.AUTH_DEV_MODE);
    await app.init();
    return app;
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/**
 * The gateway process: listen on HOST:PORT, and on SIGTERM/SIGINT stop taking requests, finish
 * the ones in flight, then drain NATS and close the pool (HttpDrain, then the platform lifecycle).
 */
export async function listenGateway(config: GatewayConfig, logger: Logger): Promise<void> {
  const app = await createGatewayApp(config, { logger });
  await app.listen(config.PORT, config.HOST);
  closeOnSignals(app, logger);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info(
    { url: `http://${host}:${port}`, docs: `http://${host}:${port}/docs`, devMode: config.AUTH_DEV_MODE },
    `gateway listening on http://${host}:${port}`,
  );
}
