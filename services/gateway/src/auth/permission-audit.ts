import { Injectable, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService } from '@nestjs/core';
import { REQUIRED_PERMISSION } from './permissions.js';
import { IS_PUBLIC } from './public.decorator.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Controller = Function;

/** `Class.method` of every route handler that is neither `@Public()` nor `@RequirePermission(...)` */
export function unguardedHandlers(controllers: Controller[]): string[] {
  const missing: string[] = [];
  for (const cls of controllers) {
    const classLevel = Reflect.hasMetadata(IS_PUBLIC, cls) || Reflect.hasMetadata(REQUIRED_PERMISSION, cls);
    const proto = cls.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as Controller | undefined;
      if (typeof handler !== 'function') continue;
      if (!Reflect.hasMetadata(PATH_METADATA, handler) || !Reflect.hasMetadata(METHOD_METADATA, handler))
        continue;
      if (
        classLevel ||
        Reflect.hasMetadata(IS_PUBLIC, handler) ||
        Reflect.hasMetadata(REQUIRED_PERMISSION, handler)
      )
        continue;
      missing.push(`${cls.name}.${name}`);
    }
  }
  return missing;
}

/** Stops the gateway at start-up when a route handler declares no permission (and is not public). */
@Injectable()
export class PermissionAudit implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((w) => w.metatype)
      .filter((m): m is Controller => typeof m === 'function');
    const missing = unguardedHandlers(controllers);
    if (missing.length) {
      throw new Error(`route handlers without @RequirePermission or @Public: ${missing.join(', ')}`);
    }
  }
}
