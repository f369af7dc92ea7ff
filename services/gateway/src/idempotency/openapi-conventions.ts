import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '../problem/problem-details.js';

type Operation = {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, unknown>;
  security?: unknown[];
};

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
});

const integer = { type: 'integer' };

/**
 * Adds what the idempotency and rate-limit guards do to every operation they
 * apply to, so no handler has to repeat it: the optional `Idempotency-Key` header with its 409 and
 * 422 on every authenticated POST, and 429 with `Retry-After` and the RateLimit headers on every
 * authenticated operation.
 */
export function documentIntegrationConventions(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const authenticated = Array.isArray(op.security) && op.security.length > 0;
      if (!authenticated) continue;
      op.responses ??= {};
      op.responses['429'] ??= problem(
        'Too many requests for this caller or tenant; retry after `Retry-After` seconds',
        {
          'Retry-After': { description: 'seconds to wait', schema: integer },
          RateLimit: {
            description: 'IETF RateLimit: the policy closest to its limit, e.g. `"principal";r=0;t=3`',
            schema: { type: 'string' },
          },
          'RateLimit-Policy': {
            description: 'IETF RateLimit-Policy, e.g. `"tenant";q=500;w=5, "principal";q=100;w=5`',
            schema: { type: 'string' },
          },
        },
      );
      if (method !== 'post') continue;
      op.parameters ??= [];
      if (!op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
        op.parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes the POST safe to retry: the same key with the same request returns the stored response (`Idempotent-Replayed: true`) for 24 h; 1–255 printable characters, a uuid is best',
          schema: { type: 'string', maxLength: 255 },
        } as { name: string; in: string });
      }
      op.responses['409'] ??= problem(
        'A request with this Idempotency-Key is still in progress (`IDEMPOTENCY_KEY_IN_USE`), or the change conflicts',
      );
      op.responses['422'] ??= problem(
        'This Idempotency-Key was used for a different request (`IDEMPOTENCY_KEY_REUSED`)',
      );
    }
  }
  return doc;
}
