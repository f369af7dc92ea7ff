import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** An environment flag: true/1/yes or false/0/no (any case); anything else fails validation. */
export const EnvBoolean = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? (/^(true|1|yes)$/i.test(value) ? true : /^(false|0|no)$/i.test(value) ? false : value) : value,
  );

/**
 * What every Baton process reads from its environment. Services extend it with their own
 * variables. Only `loadConfig` reads `process.env`; everything else receives this object.
 */
export class BaseConfig {
  /** postgres://user:pass@host:port/db — sensitive: never echoed */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string;

  /** nats://host:port, or a comma-separated list of servers */
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, { message: 'must be a nats:// URL (or a comma-separated list)' })
  NATS_URL: string;

  /**
   * Prepended to every NATS subject and to the event stream's name, so that test runs (and
   * several Baton installations on one NATS) never see each other's messages. Empty in production.
   */
  @IsOptional()
  @Matches(/^([A-Za-z0-9_-]+\.)?$/, { message: 'must be empty or one token ending in a dot, e.g. "t1a2b3."' })
  SUBJECT_PREFIX = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** how long a request over NATS may take before the caller gives up (504) */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(120_000)
  RPC_TIMEOUT_MS = 5000;

  /** HTTP port for /healthz, /readyz and /metrics (the management port); 0 = no listener */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 0;

  @IsString()
  HEALTH_HOST = '0.0.0.0';

  /** Prometheus metrics at GET /metrics on HEALTH_PORT (never on the gateway's public port) */
  @EnvBoolean()
  @IsBoolean()
  METRICS_ENABLED = true;

  /** run this service's migrations at start-up (local development); Kubernetes uses a hook Job */
  @EnvBoolean()
  @IsBoolean()
  MIGRATE_ON_START = false;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** how long shutdown waits for in-flight work before closing connections */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** OTLP/HTTP endpoint (e.g. http://otel-collector:4318); traces are exported only when set */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
