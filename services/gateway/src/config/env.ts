import { BaseConfig, EnvBoolean, MIN_DEV_KEY_BYTES } from '@baton/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { decodeKey, previousKeysProblem, splitKeyList } from '../webhooks/secret-cipher.js';

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

function IsWebhookSecretKey(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookSecretKey',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be base64 text decoding to exactly 32 bytes', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && decodeKey(v) !== undefined },
    });
}

/** WEBHOOK_SECRET_KEYS_PREVIOUS: valid keys, none twice, not the current one, and a current one set */
function IsPreviousWebhookSecretKeys(): PropertyDecorator {
  const problem = (args: ValidationArguments) =>
    typeof args.value === 'string'
      ? previousKeysProblem((args.object as GatewayConfig).WEBHOOK_SECRET_KEY, splitKeyList(args.value))
      : 'must be a comma-separated list of base64 keys';
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPreviousWebhookSecretKeys',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => `$property ${problem(args) ?? 'is invalid'}` },
      validator: { validate: (_v: unknown, args: ValidationArguments) => problem(args) === undefined },
    });
}

/**
 * The gateway's variables on top of the platform's. AUTH_DEV_SIGNING_KEY, WEBHOOK_SECRET_KEY and
 * WEBHOOK_SECRET_KEYS_PREVIOUS are secrets (loadConfig never echoes values); the first is required when AUTH_DEV_MODE is true.
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

  // --- idempotency, rate limits, audit, webhooks (services/gateway/src/{idempotency,rate-limit,audit,webhooks}) ---

  /** how long an Idempotency-Key (and its stored response) is kept */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_TTL_HOURS = 24;

  /** how long a request holding a key may stay in flight before a retry may take the key over */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LOCK_SECONDS = 60;

  /** token-bucket rate limits per principal (user or API key) and per tenant; per gateway replica */
  @EnvBoolean()
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  @Type(() => Number)
  @IsNumber()
  @Min(0.001)
  RATE_LIMIT_PRINCIPAL_PER_SECOND = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PRINCIPAL_BURST = 100;

  @Type(() => Number)
  @IsNumber()
  @Min(0.001)
  RATE_LIMIT_TENANT_PER_SECOND = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TENANT_BURST = 500;

  /** per-tenant overrides, JSON: {"<tenant uuid>": {"tenantPerSecond": 500, "tenantBurst": 2000, "principalPerSecond": 50, "principalBurst": 200}} */
  @IsOptional()
  @IsString()
  RATE_LIMIT_TENANT_OVERRIDES?: string;

  /**
   * The highest `rateLimitPerMinute` a tenant admin may set through `PATCH /settings`; above it
   * only a platform admin may. Default: the gateway's own per-principal rate
   * (RATE_LIMIT_PRINCIPAL_PER_SECOND × 60), so tenant admins can lower their limit, not raise it.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_SETTINGS_MAX_PER_MINUTE?: number;

  /**
   * How often each gateway replica reloads changed tenant settings (rate limits, private webhook
   * targets) from the database. A change applies at once on the replica that made it and within
   * this bound on the others.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  TENANT_SETTINGS_REFRESH_MS = 5000;

  /** audit events are written in batches after the response: at most this many ms later */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  AUDIT_FLUSH_MS = 200;

  /**
   * Webhook targets on loopback, private, link-local, CGNAT or metadata addresses are refused
   * (SSRF) unless allowed here: `false`, `true` (every tenant: development and tests only), or a
   * comma-separated list of tenant ids an administrator allowed.
   */
  @Matches(/^(true|false|[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*)$/, {
    message: 'must be true, false or a comma-separated list of tenant ids',
  })
  WEBHOOKS_ALLOW_PRIVATE_TARGETS = 'false';

  /**
   * AES-256-GCM key (base64, 32 bytes: `openssl rand -base64 32`) that encrypts webhook signing
   * secrets at rest (webhooks/secret-cipher.ts). Unset: secrets are stored in plain text (the
   * gateway warns at start). When the gateway starts it seals, with this key, the plain secrets
   * already stored and re-seals those sealed with a key of WEBHOOK_SECRET_KEYS_PREVIOUS. Removing
   * or changing it without listing the old one there makes deliveries fail until it is restored.
   */
  @IsOptional()
  @IsWebhookSecretKey()
  WEBHOOK_SECRET_KEY?: string;

  /**
   * Other keys that still open stored secrets, comma-separated (base64, 32 bytes each): earlier
   * values of WEBHOOK_SECRET_KEY (and, in the first step of a rotation, the next one). Secrets
   * sealed with them are re-sealed with WEBHOOK_SECRET_KEY when the gateway starts; once it logs
   * that they are no longer needed, remove them (deploy/RUNBOOK.md, "Rotate secrets"). Needs
   * WEBHOOK_SECRET_KEY; no key twice, and not WEBHOOK_SECRET_KEY itself.
   */
  @IsOptional()
  @IsPreviousWebhookSecretKeys()
  WEBHOOK_SECRET_KEYS_PREVIOUS?: string;

  /** run the webhook delivery worker in this process */
  @EnvBoolean()
  @IsBoolean()
  WEBHOOK_DELIVERY_ENABLED = true;

  /** how often the worker looks for due deliveries (it is also woken when events arrive) */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_MS = 1000;

  /** how long a receiver may take to answer one delivery attempt */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** attempts before a delivery is marked failed */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 10;

  /** first retry delay; each further retry doubles it (half fixed, half random jitter), capped */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_MAX_MS = 6 * 3600 * 1000;
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

  /** user subjects that may create and list tenants and change any tenant's settings (comma-separated `sub` values) */
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
