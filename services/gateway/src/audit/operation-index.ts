import { Injectable } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';

const API_OPERATION = 'swagger/apiOperation';

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * The OpenAPI operationId of each route (`POST /api/v1/projects` → `createProject`), read once
 * from the controllers' decorators, so the audit log names the operation even when a guard
 * refused the request before the handler ran.
 */
@Injectable()
export class OperationIndex {
  private index?: Map<string, string>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly appConfig: ApplicationConfig,
  ) {}

  /** `method` as Fastify reports it, `route` the route template (`/api/v1/projects/:id`) */
  operationId(method: string, route: string): string | null {
    this.index ??= this.build();
    return this.index.get(`${method} ${route}`) ?? null;
  }

  private build(): Map<string, string> {
    const index = new Map<string, string>();
    const prefix = this.appConfig.getGlobalPrefix();
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
      const bases = Array.isArray(base) ? base : [base ?? ''];
      for (const name of this.scanner.getAllMethodNames(type.prototype as object)) {
        const fn = (type.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        const op = Reflect.getMetadata(API_OPERATION, fn) as { operationId?: string } | undefined;
        if (path === undefined || method === undefined || !op?.operationId) continue;
        for (const b of bases) {
          for (const p of Array.isArray(path) ? path : [path]) {
            index.set(`${RequestMethod[method]} ${joinPath(prefix, b, p)}`, op.operationId);
          }
        }
      }
    }
    return index;
  }
}
