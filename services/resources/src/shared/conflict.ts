import { ConflictError } from '@baton/platform';

/**
 * A 409 that names the field at fault the same way validation errors do (`errors[].field`), so
 * the gateway's problem+json carries it; `extra` adds machine-readable context (the clashing id, the current state).
 */
export function conflictOn(
  field: string,
  message: string,
  extra: Record<string, unknown> = {},
): ConflictError {
  return new ConflictError(message, { errors: [{ field, message }], ...extra });
}
