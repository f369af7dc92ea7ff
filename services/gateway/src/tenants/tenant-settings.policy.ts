import { ErrorCode, type FieldError } from '@baton/contracts';
import { ProblemException } from '../problem/problem.exception.js';
import type { TenantSettings } from './tenant-settings.cache.js';
import type { UpdateTenantSettingsBody } from './tenants.dto.js';

/** who is changing a tenant's settings */
export interface SettingsEditor {
  /** listed in PLATFORM_ADMIN_SUBJECTS: may set anything on any tenant */
  platformAdmin: boolean;
}

/**
 * What a tenant admin may not do to its own tenant's settings (a platform admin may do all of it):
 * - turn `webhookAllowPrivateTargets` on: it opens the gateway host's private network (cloud
 *   metadata, databases, other tenants' services) to the tenant's webhook URLs (SSRF);
 * - raise `rateLimitPerMinute` above `ceiling` (RATE_LIMIT_SETTINGS_MAX_PER_MINUTE): capacity is
 *   shared by every tenant. Lowering it is always allowed, also from a value above the ceiling
 *   that a platform admin granted; `null` (the gateway's default) is always allowed.
 * Re-sending the current value is no change and is allowed, so a client can PATCH back what it read.
 * Returns one error per refused field (empty: allowed).
 */
export function refusedSettingsChanges(
  current: Omit<TenantSettings, 'tenantId'>,
  changes: UpdateTenantSettingsBody,
  editor: SettingsEditor,
  ceiling: number,
): FieldError[] {
  if (editor.platformAdmin) return [];
  const errors: FieldError[] = [];
  if (changes.webhookAllowPrivateTargets === true && !current.webhookAllowPrivateTargets) {
    errors.push({
      field: 'webhookAllowPrivateTargets',
      message:
        'only a platform administrator may allow webhooks to private, loopback and link-local addresses',
    });
  }
  const limit = changes.rateLimitPerMinute;
  if (
    typeof limit === 'number' &&
    limit > ceiling &&
    !(current.rateLimitPerMinute !== null && limit <= current.rateLimitPerMinute)
  ) {
    errors.push({
      field: 'rateLimitPerMinute',
      message: `a tenant administrator may set at most ${ceiling} requests per minute; a platform administrator may set more`,
    });
  }
  return errors;
}

/** 403 problem+json naming each field the caller may not set */
export class SettingsChangeForbidden extends ProblemException {
  constructor(errors: FieldError[]) {
    super({
      status: 403,
      code: ErrorCode.Forbidden,
      detail: `The caller may not make this change: ${errors.map((e) => e.field).join(', ')} (see errors)`,
      errors,
    });
  }
}

/** the tenant-admin ceiling: RATE_LIMIT_SETTINGS_MAX_PER_MINUTE, else the default per-principal rate per minute */
export const settingsCeilingPerMinute = (config: {
  RATE_LIMIT_SETTINGS_MAX_PER_MINUTE?: number;
  RATE_LIMIT_PRINCIPAL_PER_SECOND: number;
}): number =>
  config.RATE_LIMIT_SETTINGS_MAX_PER_MINUTE ??
  Math.max(1, Math.floor(config.RATE_LIMIT_PRINCIPAL_PER_SECOND * 60));
