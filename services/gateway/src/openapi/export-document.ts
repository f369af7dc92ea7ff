import { loadConfig } from '@baton/platform';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { GatewayModule } from '../app.module.js';
import { GatewayConfig } from '../config/env.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * The OpenAPI document of a production gateway (dev mode off), built without Postgres or NATS:
 * Nest's preview mode resolves the module graph and routes but instantiates no provider. The
 * committed `services/gateway/openapi.json` is this (tools/openapi/generate.mjs).
 */
export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(GatewayConfig, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
    NATS_URL: 'nats://127.0.0.1:1',
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'healthz', method: RequestMethod.GET },
      { path: 'readyz', method: RequestMethod.GET },
    ],
  });
  try {
    return buildOpenApiDocument(app, false);
  } finally {
    await app.close().catch(() => undefined);
  }
}
