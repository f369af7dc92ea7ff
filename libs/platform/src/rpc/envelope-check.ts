import { isUUID } from 'class-validator';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when `body` certainly passes RequestEnvelope's constraints (the gateway's and the
 * services' own messages always do), checked without class-validator, whose metadata lookup
 * walks every decorated class on each call. Anything else, including what this cannot decide
 * (an actor id over 256 UTF-16 units), goes to class-validator, which also words the errors.
 */
export function isWellFormedEnvelope(body: object): boolean {
  const { tenantId, actor, data } = body as Record<string, unknown>;
  if (typeof tenantId !== 'string' || !isUUID(tenantId) || !isPlainObject(data) || !isPlainObject(actor))
    return false;
  const { id, roles } = actor;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= 256 &&
    Array.isArray(roles) &&
    roles.every((r) => typeof r === 'string')
  );
}
