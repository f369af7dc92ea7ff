import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_RELEASES, REPO_ROOT, ensureHelm, helmVersion } from './helm-binary.js';
import { UnvalidatableKind, validateManifest } from './kube-validate.js';
import {
  CHART_DIR,
  exampleValuesFiles,
  notes,
  lint,
  MONITORING_API,
  render,
  runHelm,
  scenarios,
  templateArgs,
  type Manifest,
} from './render.js';

/**
 * charts/baton under the two pinned Helm releases: lint --strict, rendering of every scenario
 * (default values and each example in charts/baton/ci/, with and without the Prometheus operator
 * API), every manifest against the Kubernetes schemas, and values.schema.json refusing mistakes.
 */
const MAJORS = [3, 4] as const;

/** HTTPRoute: no schema package is installed (@kubernetes-models/gateway-api), so check its shape by hand */
function checkHttpRoute(route: Manifest, all: Manifest[]): void {
  expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
  const spec = route.spec;
  expect(Array.isArray(spec.parentRefs) && spec.parentRefs.length > 0).toBe(true);
  for (const ref of spec.parentRefs) expect(typeof ref.name).toBe('string');
  for (const host of spec.hostnames ?? [])
    expect(host).toMatch(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
  expect(spec.rules.length).toBeGreaterThan(0);
  for (const rule of spec.rules) {
    for (const match of rule.matches ?? [])
      expect(['Exact', 'PathPrefix', 'RegularExpression']).toContain(match.path.type);
    for (const backend of rule.backendRefs) {
      const svc = all.find((m) => m.kind === 'Service' && m.metadata.name === backend.name);
      expect(svc).toBeDefined();
      expect(svc!.spec.ports.map((p: { port: number }) => p.port)).toContain(backend.port);
    }
  }
}

describe.each(MAJORS)('charts/baton under Helm %i', (major) => {
  it(`runs the pinned official binary (${HELM_RELEASES[major].version}, from ${HELM_RELEASES[major].npmPackage})`, () => {
    expect(helmVersion(ensureHelm(major))).toBe(HELM_RELEASES[major].version);
  });

  it.each([['default values'], ...exampleValuesFiles().map((f) => [f])])(
    'lint --strict passes with %s',
    (file) => {
      const r = lint(major, file === 'default values' ? [] : [file]);
      expect(r.stderr + r.stdout).not.toMatch(/\[(ERROR|WARNING)\]/);
      expect(r.status).toBe(0);
    },
  );

  it.each(scenarios().map((s) => [s.name, s] as const))(
    'renders %s, and every manifest is valid against the Kubernetes schemas',
    async (_name, scenario) => {
      const manifests = render(major, scenario.options);
      expect(manifests.length).toBeGreaterThan(20);
      const checked: string[] = [];
      for (const m of manifests) {
        if (m.kind === 'HTTPRoute') {
          checkHttpRoute(m, manifests);
          checked.push(m.kind);
          continue;
        }
        await expect(validateManifest(m)).resolves.toBeUndefined();
        checked.push(m.kind);
      }
      expect(checked).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'Job', 'Pod']));
      const monitoring = (scenario.options.apiVersions ?? []).includes(MONITORING_API);
      expect(checked.includes('ServiceMonitor')).toBe(monitoring);
      expect(checked.includes('PrometheusRule')).toBe(monitoring);
    },
  );

  it.each([
    ['a misspelt top-level key', 'replica=3', /replica/],
    ['a misspelt service name', 'services.planing.replicas=3', /planing/],
    ['a misspelt nested key', 'defaults.resouces.requests.cpu=1', /resouces/],
    ['a misspelt key in a service override', 'services.planning.replicaz=2', /replicaz/],
    ['a wrong type', 'defaults.replicas=two', /replicas/],
    ['a log level the services refuse', 'config.logLevel=verbose', /logLevel/],
    ['the "latest" tag', 'image.tag=latest', /tag/],
  ])('values.schema.json rejects %s (lint and template fail)', (_what, set, message) => {
    const linted = lint(major, [], [set]);
    expect(linted.status).not.toBe(0);
    expect(linted.stdout + linted.stderr).toMatch(message);
    const templated = runHelm(major, templateArgs({ set: [set] }));
    expect(templated.status).not.toBe(0);
    expect(templated.stderr).toMatch(message);
  });

  it('refuses a gateway in dev mode without its signing key, and both a database URL and a Secret', () => {
    const devMode = runHelm(major, templateArgs({ set: ['gateway.auth.devMode=true'] }));
    expect(devMode.status).not.toBe(0);
    expect(devMode.stderr).toMatch(/devSigningKeySecret is required/);
    const both = runHelm(major, templateArgs({ set: ['database.url=postgres://u:p@h:5432/d'] }));
    expect(both.status).not.toBe(0);
    expect(both.stderr).toMatch(/either database.url or database.existingSecret/);
  });

  it.each([
    ['NATS credential keys without their Secret', ['nats.tokenKey=token'], /set nats.existingSecret/],
    [
      'a NATS user without a password',
      ['nats.existingSecret=n', 'nats.userKey=user'],
      /userKey and nats.passwordKey go together/,
    ],
    [
      'two NATS authentication methods',
      ['nats.existingSecret=n', 'nats.tokenKey=t', 'nats.credsKey=c'],
      /choose one NATS authentication method/,
    ],
    [
      'a NATS client certificate without its key',
      ['nats.tls.existingSecret=t', 'nats.tls.certKey=tls.crt'],
      /certKey and nats.tls.keyKey go together/,
    ],
    ['NATS TLS keys without their Secret', ['nats.tls.caKey=ca.crt'], /set nats.tls.existingSecret/],
  ])('refuses %s', (_what, set, message) => {
    const result = runHelm(major, templateArgs({ set }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('prints NOTES that say what was installed and how to reach it', () => {
    const plain = notes(major);
    expect(plain).toContain('baton-planning: 2 replica(s)');
    expect(plain).toContain('kubectl -n baton port-forward svc/baton-gateway 3000:80');
    expect(plain).toContain('helm test baton -n baton --logs');
    expect(plain).toMatch(/monitoring.coreos.com\/v1\) was not found/);
    const ha = notes(major, {
      valuesFiles: ['ci/high-availability-values.yaml'],
      apiVersions: [MONITORING_API],
    });
    expect(ha).toContain('https://baton.example.com/api/v1');
    expect(ha).toContain('baton-gateway: 3-20 replicas (autoscaled)');
    expect(ha).not.toMatch(/was not found/);
    expect(notes(major, { valuesFiles: ['ci/trial-values.yaml'] })).toContain('Development auth is ON');
    expect(plain).toContain('NATS: nats://nats:4222; authentication: none.');
    expect(notes(major, { valuesFiles: ['ci/nats-credentials-values.yaml'] })).toContain(
      'NATS: URL from Secret baton-nats (key url); authentication: creds file from Secret baton-nats; ' +
        'TLS files from Secret baton-nats-client-tls (mutual TLS).',
    );
  });

  it('packages the chart with its schema, README, files and without the example values', () => {
    const out = join(REPO_ROOT, '.cache', 'helm', `package-${major}-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    const r = runHelm(major, ['package', CHART_DIR, '--destination', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const listing = execFileSync('tar', ['-tzf', join(out, 'baton-0.1.0.tgz')], { encoding: 'utf8' }).split(
      '\n',
    );
    rmSync(out, { recursive: true, force: true });
    for (const f of [
      'values.schema.json',
      'README.md',
      'templates/NOTES.txt',
      'files/smoke-test.mjs',
      'files/grafana-dashboard.json',
    ]) {
      expect(listing).toContain(`baton/${f}`);
    }
    expect(listing.filter((f) => f.startsWith('baton/ci/'))).toEqual([]);
  });

  it('refuses clusters older than Kubernetes 1.27', () => {
    const old = runHelm(major, [...templateArgs(), '--kube-version', '1.26.0']);
    expect(old.status).not.toBe(0);
    expect(old.stderr).toMatch(/kubeVersion|incompatible/i);
    expect(runHelm(major, [...templateArgs(), '--kube-version', '1.27.0']).status).toBe(0);
  });

  it('surfaces an invalid manifest (the validation can fail)', async () => {
    const [deployment] = render(major).filter((m) => m.kind === 'Deployment');
    const broken = structuredClone(deployment);
    broken.spec.replicas = 'two';
    await expect(validateManifest(broken)).rejects.toThrow(/replicas/);
    await expect(validateManifest({ ...deployment, apiVersion: 'example.com/v1' })).rejects.toThrow();
    await expect(
      validateManifest({ ...deployment, apiVersion: 'gateway.networking.k8s.io/v1' }),
    ).rejects.toThrow(UnvalidatableKind);
  });
});

describe('Helm 3 and Helm 4', () => {
  it.each(scenarios().map((s) => [s.name, s] as const))('render %s identically', (_name, scenario) => {
    expect(render(4, scenario.options)).toEqual(render(3, scenario.options));
  });
});
