import type { MixedList } from 'typeorm';
import type { BaseConfig } from './config/base-config.js';

export interface PlatformOptions {
  /** service name: queue group, schema, log field */
  service: string;
  config: BaseConfig;
  /** the Postgres schema this service owns (default: the service name) */
  schema?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}

/** What PLATFORM_OPTIONS holds: the options with the schema settled (default: the service name). */
export type ResolvedPlatformOptions = PlatformOptions & { schema: string };

export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
export const LOGGER = Symbol('LOGGER');
/** the validated BaseConfig (services may also inject their own config class) */
export const BASE_CONFIG = Symbol('BASE_CONFIG');
