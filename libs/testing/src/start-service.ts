import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * Boots a backend service in-process exactly as its main.ts does (same module, same platform
 * lifecycle), quiet unless TEST_LOG_LEVEL is set. Close it with `app.close()` to run the real
 * graceful shutdown.
 */
export async function startService(module: DynamicModule): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, {
    logger: process.env.TEST_LOG_LEVEL ? ['log', 'error', 'warn'] : false,
    abortOnError: false,
  });
  await app.init();
  return app;
}
