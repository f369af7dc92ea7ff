import type { TestEnvironment } from '@baton/testing';
import type pg from 'pg';
import { TENANT_A } from './integration-standin.js';
import { startGateway, type TestGateway } from './support.js';

/**
 * A gateway for the webhook-secret tests: it delivers to receivers on 127.0.0.1 at once and
 * tries each delivery once; `admin` is a tenant admin's bearer header for it.
 */
export async function startWebhookGateway(
  env: TestEnvironment,
  extra: Record<string, string>,
): Promise<{ gw: TestGateway; admin: string }> {
  const gw = await startGateway(env, {
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: TENANT_A, // the receivers are on 127.0.0.1
    WEBHOOK_POLL_MS: '20',
    WEBHOOK_MAX_ATTEMPTS: '1',
    ...extra,
  });
  return { gw, admin: `Bearer ${await gw.token({ sub: 'admin-a', tenantId: TENANT_A })}` };
}

/** An endpoint's secrets as stored (sealed or not), read past the API. */
export async function storedSecrets(
  db: pg.Client,
  endpointId: string,
): Promise<{ secret: string; previous_secret: string | null }> {
  const { rows } = await db.query<{ secret: string; previous_secret: string | null }>(
    'SELECT secret, previous_secret FROM gateway.webhook_endpoint WHERE id = $1',
    [endpointId],
  );
  return rows[0]!;
}
