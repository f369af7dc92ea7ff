import { BaseConfig, EnvBoolean, MIN_DEV_KEY_BYTES } from '@baton/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
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

  // --- authentication: OIDC, API keys, the role directory (issue 5) ---

  /** the OIDC issuer (`iss` of accepted tokens); OIDC is on when this and OIDC_AUDIENCE are set */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be the issuer URL' })
  OIDC_ISSUER?: string;

  /** the audience (`aud`) access tokens must name, e.g. the API's client id */
  @ValidateIf((c: GatewayConfig) => c.OIDC_ISSUER !== undefined || c.OIDC_AUDIENCE !== undefined)
  @IsString()
  @Matches(/^\S+$/, { message: 'must be set (no spaces) when OIDC_ISSUER is set' })
  OIDC_AUDIENCE?: string;

  /** the issuer's JWKS; default `<OIDC_ISSUER>/.well-known/jwks.json` */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  OIDC_JWKS_URI?: string;

  /** accepted signature algorithms (asymmetric only: none and HS* are refused) */
  @Matches(/^((RS|PS|ES)(256|384|512)|EdDSA|Ed25519)(,((RS|PS|ES)(256|384|512)|EdDSA|Ed25519))*$/, {
    message: 'must be a comma-separated list of RS256…PS512, ES256…ES512, EdDSA (no none, no HS*)',
  })
  OIDC_ALGORITHMS = 'RS256,ES256';

  /** seconds of clock skew tolerated on exp/nbf/iat */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  OIDC_CLOCK_TOLERANCE_S = 30;

  /** claim naming the tenant (uuid); when absent the tenant comes from the user's one membership */
  @Matches(/^[A-Za-z0-9_:./-]{1,128}$/)
  OIDC_TENANT_CLAIM = 'tid';

  /** claim with tenant-wide role names (unknown names are ignored); role assignments add to them */
  @Matches(/^[A-Za-z0-9_:./-]{1,128}$/)
  OIDC_ROLES_CLAIM = 'roles';

  /** the shortest time between two JWKS fetches when a token names an unknown `kid` */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  OIDC_JWKS_COOLDOWN_MS = 30_000;

  /** how long fetched JWKS keys are used before they are fetched again */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  OIDC_JWKS_MAX_AGE_MS = 600_000;

  /** user subjects that may create and list tenants (comma-separated `sub` values) */
  @Matches(/^[^,\s]+(,[^,\s]+)*$|^$/, { message: 'must be a comma-separated list of subjects' })
  PLATFORM_ADMIN_SUBJECTS = '';

  /**
   * How long a verified API key, and a user's role assignments, are reused without asking the
   * database. A revocation or role change made through another gateway replica takes effect
   * within this bound (on the replica that made it: at once).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300_000)
  AUTH_CACHE_TTL_MS = 5000;
}
