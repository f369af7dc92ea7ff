import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger.js';
import { closeOnSignals } from './close-on-signals.js';

/**
 * Boots a backend service (no HTTP server of its own besides health): the Nest application
 * context, closed gracefully on SIGTERM/SIGINT so in-flight work finishes before exit.
 */
export async function runService(service: string, module: DynamicModule, logger: Logger): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.init();
  closeOnSignals(app, logger);
  logger.info({ service }, 'ready');
  return app;
}

/** For `node main.js migrate`: run this service's migrations and exit. */
export function wantsMigrateOnly(argv = process.argv): boolean {
  return argv.slice(2)[0] === 'migrate';
}
