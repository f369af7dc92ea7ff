import { BaseConfig, EnvBoolean, MIN_DEV_KEY_BYTES } from '@baton/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsString,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** base64url text that decodes to at least 32 bytes (an HS256 key worth its name) */
export function isDevSigningKey(value: unknown): boolean {
  if (typeof value !== 'string' || !BASE64URL.test(value)) return false;
  return Buffer.from(value, 'base64url').length >= MIN_DEV_KEY_BYTES;
}

function IsDevSigningKey(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDevSigningKey',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be base64url text decoding to at least ${MIN_DEV_KEY_BYTES} bytes (it is required when AUTH_DEV_MODE is true)`,
        ...options,
      },
      validator: { validate: isDevSigningKey },
    });
}

/**
 * The gateway's variables on top of the platform's. AUTH_DEV_SIGNING_KEY is a secret (loadConfig
 * never echoes values) and required when AUTH_DEV_MODE is true.
 */
export class GatewayConfig extends BaseConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** development bearer tokens signed with AUTH_DEV_SIGNING_KEY, and POST /api/v1/dev/tokens */
  @EnvBoolean()
  @IsBoolean()
  AUTH_DEV_MODE = false;

  /** base64url HMAC key (≥ 32 bytes); checked whenever it is set, required in dev mode */
  @ValidateIf((c: GatewayConfig) => c.AUTH_DEV_MODE === true || c.AUTH_DEV_SIGNING_KEY !== undefined)
  @IsDevSigningKey()
  AUTH_DEV_SIGNING_KEY?: string;

  /** largest accepted request body */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;
}
