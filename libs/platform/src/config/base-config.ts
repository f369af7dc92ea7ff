import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { accessSync, constants, statSync } from 'node:fs';

/** An environment flag: true/1/yes or false/0/no (any case); anything else fails validation. */
export const EnvBoolean = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? /^(true|1|yes)$/i.test(value)
        ? true
        : /^(false|0|no)$/i.test(value)
          ? false
          : value
      : value,
  );

/** A path to a regular file this process can read (mounted Secrets: checked at start-up, never read here). */
export const IsReadableFile = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isReadableFile',
    target: target.constructor,
    propertyName,
    options: { message: `${propertyName} must name a readable file` },
    validator: {
      validate(value: unknown) {
        if (typeof value !== 'string' || value === '') return false;
        try {
          accessSync(value, constants.R_OK);
          return statSync(value).isFile();
        } catch {
          return false;
        }
      },
    },
  });

/** The NATS authentication methods a config uses: credentials in NATS_URL count as user/password (or token). */
export function natsAuthMethods(
  c: Pick<BaseConfig, 'NATS_URL' | 'NATS_USER' | 'NATS_PASSWORD' | 'NATS_TOKEN' | 'NATS_CREDS_FILE'>,
): string[] {
  const methods: string[] = [];
  if (
    /^(nats|tls):\/\/[^/\s,]*@/.test(c.NATS_URL ?? '') ||
    /,(nats|tls):\/\/[^/\s,]*@/.test(c.NATS_URL ?? '')
  )
    methods.push('credentials in NATS_URL');
  if (c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined) methods.push('NATS_USER/NATS_PASSWORD');
  if (c.NATS_TOKEN !== undefined) methods.push('NATS_TOKEN');
  if (c.NATS_CREDS_FILE !== undefined) methods.push('NATS_CREDS_FILE');
  return methods;
}

/** Fails when more than one NATS authentication method is configured (the message lists them). */
const OneNatsAuthMethod = () => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'oneNatsAuthMethod',
    target: target.constructor,
    propertyName,
    options: {
      message: (args: ValidationArguments) =>
        `${propertyName} cannot be combined with ${natsAuthMethods(args.object as BaseConfig)
          .filter((m) => !m.includes(propertyName))
          .join(' and ')}: choose one NATS authentication method`,
    },
    validator: {
      validate: (_value: unknown, args: ValidationArguments) =>
        natsAuthMethods(args.object as BaseConfig).length <= 1,
    },
  });

/**
 * What every Baton process reads from its environment. Services extend it with their own
 * variables. Only `loadConfig` reads `process.env`; everything else receives this object.
 */
export class BaseConfig {
  /** postgres://user:pass@host:port/db — sensitive: never echoed */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string;

  /**
   * nats://host:port, or a comma-separated list of servers (tls://host:port requires TLS).
   * `nats://user:pass@host:port` (or `nats://token@host:port`) authenticates like NATS_USER/NATS_PASSWORD
   * (NATS_TOKEN) — sensitive then: never echoed or logged.
   */
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, {
    message: 'must be a nats:// URL (or a comma-separated list)',
  })
  NATS_URL: string;

  /** NATS user name (with NATS_PASSWORD). One authentication method at a time: user/password, token or creds file. */
  @ValidateIf((c: BaseConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @IsString()
  @IsNotEmpty()
  @OneNatsAuthMethod()
  NATS_USER?: string;

  /** NATS password (with NATS_USER) — sensitive: never echoed or logged */
  @ValidateIf((c: BaseConfig) => c.NATS_USER !== undefined || c.NATS_PASSWORD !== undefined)
  @IsString()
  @IsNotEmpty()
  NATS_PASSWORD?: string;

  /** NATS authentication token — sensitive: never echoed or logged */
  @IsOptional()
  @IsString()
  @OneNatsAuthMethod()
  NATS_TOKEN?: string;

  /**
   * Path to a NATS `.creds` file (user JWT + NKey seed: decentralised JWT auth, e.g. Synadia Cloud
   * accounts), usually a mounted Secret. Read at connect time and on every reconnect.
   */
  @IsOptional()
  @IsReadableFile()
  @OneNatsAuthMethod()
  NATS_CREDS_FILE?: string;

  /** PEM CA bundle the NATS server's certificate is checked against (implies TLS) */
  @IsOptional()
  @IsReadableFile()
  NATS_TLS_CA_FILE?: string;

  /** PEM client certificate for mutual TLS (with NATS_TLS_KEY_FILE) */
  @ValidateIf((c: BaseConfig) => c.NATS_TLS_CERT_FILE !== undefined || c.NATS_TLS_KEY_FILE !== undefined)
  @IsReadableFile()
  NATS_TLS_CERT_FILE?: string;

  /** PEM private key of the client certificate (with NATS_TLS_CERT_FILE) */
  @ValidateIf((c: BaseConfig) => c.NATS_TLS_CERT_FILE !== undefined || c.NATS_TLS_KEY_FILE !== undefined)
  @IsReadableFile()
  NATS_TLS_KEY_FILE?: string;

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
