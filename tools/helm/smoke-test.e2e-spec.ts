import { DemoTenants } from '@baton/contracts';
import { devSigningKeyBytes, newDevSigningKey, signDevToken } from '@baton/platform';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { ALL_SERVICES, buildAll, startPlatform, type ServiceProcess } from '../e2e/src/support/binaries.js';
import { render } from './render.js';

/**
 * The chart's `helm test` pod, run for real: the exact command line the chart renders (Node with
 * charts/baton/files/smoke-test.mjs) against the seven built services on real Postgres and NATS.
 */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('helm test (charts/baton/files/smoke-test.mjs) against the running platform', () => {
  let env: TestEnvironment;
  let url: string;
  let processes: Map<string, ServiceProcess>;
  let token: string;

  // the container of the rendered test Pod: its args are what the image's `node` runs
  const pod = render(4, { valuesFiles: ['ci/trial-values.yaml'] }).find((m) => m.kind === 'Pod')!;
  const container = pod.spec.containers[0] as {
    args: string[];
    env: Array<{ name: string; value?: string }>;
  };

  const smokeTest = (vars: Record<string, string>): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, container.args, {
        env: { PATH: process.env.PATH ?? '', BATON_URL: url, ...vars },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    env = await createTestEnvironment();
    await buildAll();
    const key = newDevSigningKey();
    token = (
      await signDevToken(devSigningKeyBytes(key), {
        tenantId: DemoTenants.demo.id,
        roles: ['viewer'],
        sub: 'sre',
      })
    ).token;
    ({ url, processes } = await startPlatform(env.env({ LOG_LEVEL: 'warn' }), key));
    const allUp = async () => {
      const res = await fetch(`${url}/api/v1/system/status`, {
        headers: { authorization: `Bearer ${token}` },
      }).catch(() => undefined);
      if (res?.status !== 200) return false;
      const body = (await res.json()) as { services: { status: string }[] };
      return body.services.filter((s) => s.status === 'up').length === ALL_SERVICES.length;
    };
    await waitFor(allUp, { what: 'all seven services up', timeoutMs: 100_000, intervalMs: 250 });
  }, 130_000);

  afterAll(async () => {
    await Promise.all([...(processes?.values() ?? [])].map((p) => p.stop()));
    await env?.dispose();
  });

  it('is rendered to reach the gateway Service, with the dev-mode flag of the release', () => {
    expect(container.args.slice(0, 2)).toEqual(['--input-type=module', '-e']);
    expect(container.env.find((e) => e.name === 'BATON_DEV_MODE')?.value).toBe('true');
  });

  it('passes with a development token it mints for a fresh tenant: gateway, NATS, planning, reporting, Postgres', async () => {
    const run = await smokeTest({ BATON_DEV_MODE: 'true' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok   mint a development token: POST /api/v1/dev/tokens -> 201');
    expect(run.stdout).toContain('ok   every service answers over NATS: GET /api/v1/system/status -> 200');
    expect(run.stdout).toContain('ok   planning reads Postgres: GET /api/v1/projects?limit=1 -> 200');
    expect(run.stdout).toContain(
      'ok   reporting reads its read model: GET /api/v1/reporting/projects?limit=1 -> 200',
    );
    expect(run.stdout).toContain('all checks passed');
  }, 30_000);

  it('passes with a token from a Secret (tests.tokenSecret) and mints none', async () => {
    const run = await smokeTest({ BATON_DEV_MODE: 'false', BATON_TOKEN: token });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('mint');
    expect(run.stdout).toContain('all checks passed');
  }, 30_000);

  it('fails, saying why, with a token the gateway refuses or with no way to get one', async () => {
    const refused = await smokeTest({ BATON_TOKEN: `${token.slice(0, -4)}AAAA` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /FAILED every service answers over NATS: GET \/api\/v1\/system\/status answered 401/,
    );
    const none = await smokeTest({ BATON_DEV_MODE: 'false' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no token: set tests.tokenSecret/);
  }, 30_000);

  it('fails naming the service that is down', async () => {
    await processes.get('reporting')!.stop();
    const run = await smokeTest({ BATON_DEV_MODE: 'true' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAILED services down: reporting/);
  }, 30_000);
});
