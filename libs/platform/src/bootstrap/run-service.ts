import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '../logging/logger.js';
import { closeOnSignals } from './close-on-signals.js';

/**
 * Boots a backend service (no HTTP server of its own besides health): the Nest application
 * context, closed gracefully on SIGTERM/SIGINT so in-flight work finishes before exit.
 */
export async function runService(
  service: string,
  module: DynamicModule,
  logLevel = 'info',
): Promise<INestApplicationContext> {
  const bootLogger = createLogger(service, logLevel);
  try {
    const app = await NestFactory.createApplicationContext(module, {
      logger: new PinoNestLogger(bootLogger),
      abortOnError: false,
    });
    await app.init();
    closeOnSignals(app, bootLogger);
    bootLogger.info('ready');
    return app;
  } catch (err) {
    bootLogger.fatal({ err }, 'failed to start');
    process.exitCode = 1;
    throw err;
  }
}

/** For `node main.js migrate`: run this service's migrations and exit. */
export function wantsMigrateOnly(argv = process.argv): boolean {
  return argv.slice(2)[0] === 'migrate';
}
