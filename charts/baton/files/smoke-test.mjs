// `helm test`: a real request through the gateway, over NATS to planning and reporting, and into
// Postgres. Runs with the Baton image's own Node (no other image to pin). Needs:
//   BATON_URL      the gateway's in-cluster URL
//   BATON_TOKEN    a bearer token (from tests.tokenSecret), or else
//   BATON_DEV_MODE "true": a development token is minted for a fresh random tenant
// Exit 0 when every step passed; otherwise the failing step, its status and body on stderr.
import { randomUUID } from 'node:crypto';

const base = (process.env.BATON_URL ?? '').replace(/\/$/, '');
const timeoutMs = Number(process.env.BATON_TEST_TIMEOUT_MS ?? 10000);

async function call(step, path, init = {}, expected = 200) {
  let res;
  let body;
  try {
    res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    body = await res.text();
  } catch (err) {
    throw new Error(`${step}: ${init.method ?? 'GET'} ${path} did not answer: ${err.message}`, { cause: err });
  }
  if (res.status !== expected) {
    throw new Error(`${step}: ${init.method ?? 'GET'} ${path} answered ${res.status}, expected ${expected}: ${body.slice(0, 500)}`);
  }
  console.log(`ok   ${step}: ${init.method ?? 'GET'} ${path} -> ${res.status}`);
  return body ? JSON.parse(body) : undefined;
}

async function token() {
  if (process.env.BATON_TOKEN) return process.env.BATON_TOKEN;
  if (process.env.BATON_DEV_MODE !== 'true') {
    throw new Error('no token: set tests.tokenSecret (a Secret with a bearer token) or run the gateway with gateway.auth.devMode');
  }
  // a tenant of its own, so the test reads an empty list and leaves nothing behind
  const minted = await call('mint a development token', '/api/v1/dev/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: randomUUID(), roles: ['viewer'], sub: 'helm-test' }),
  }, 201);
  return minted.token;
}

async function main() {
  if (!base) throw new Error('BATON_URL is not set');
  await call('gateway ready (NATS and Postgres reachable)', '/readyz');
  const auth = { headers: { authorization: `Bearer ${await token()}` } };
  const status = await call('every service answers over NATS', '/api/v1/system/status', auth);
  const down = status.services.filter((s) => s.status !== 'up');
  if (down.length) throw new Error(`services down: ${down.map((s) => `${s.name} (${s.detail ?? 'no detail'})`).join(', ')}`);
  const projects = await call('planning reads Postgres', '/api/v1/projects?limit=1', auth);
  if (!Array.isArray(projects.items)) throw new Error(`GET /api/v1/projects: no items array in ${JSON.stringify(projects)}`);
  const views = await call('reporting reads its read model', '/api/v1/reporting/projects?limit=1', auth);
  if (!Array.isArray(views.items)) throw new Error(`GET /api/v1/reporting/projects: no items array in ${JSON.stringify(views)}`);
  console.log('all checks passed');
}

main().catch((err) => {
  console.error(`FAILED ${err.message}`);
  process.exit(1);
});
