import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helm-binary.js';
import { parse } from 'yaml';
import { CHART_DIR, render, scenarios, type Manifest } from './render.js';

/**
 * Policies over everything the chart renders, in every scenario (Helm 4; chart.spec.ts proves
 * Helm 3 renders the same): probes, resources, a restricted securityContext, PDBs, pinned images,
 * no secret values, NetworkPolicy boundaries, and wiring that points at things that exist.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = any;

const SERVICES = readdirSync(join(REPO_ROOT, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** the variables the services read: BaseConfig's and each service's config class properties */
function configVariables(): Set<string> {
  const files = [
    join(REPO_ROOT, 'libs/platform/src/config/base-config.ts'),
    ...SERVICES.map((s) => join(REPO_ROOT, `services/${s}/src/config/env.ts`)),
  ];
  const names = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+)[?!]?\s*[:=;]/gm)) names.add(m[1]);
  return names;
}
/** read by the platform's telemetry (OTEL_SERVICE_NAME) and by Node itself (NODE_EXTRA_CA_CERTS) */
const RUNTIME_VARIABLES = ['OTEL_SERVICE_NAME', 'NODE_EXTRA_CA_CERTS'];

const ALL = scenarios().map((s) => ({ name: s.name, manifests: render(4, s.options), options: s.options }));
const DEFAULT = ALL[0].manifests;

const of = (ms: Manifest[], kind: string) => ms.filter((m) => m.kind === kind);
const podSpec = (m: Manifest): Obj => (m.kind === 'Pod' ? m.spec : m.spec.template.spec);
const workloads = (ms: Manifest[]) => ms.filter((m) => ['Deployment', 'Job', 'Pod'].includes(m.kind));
const containersOf = (m: Manifest): Obj[] => [...(podSpec(m).initContainers ?? []), ...podSpec(m).containers];
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function expectRestricted(m: Manifest) {
  const pod = podSpec(m);
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(pod.automountServiceAccountToken).toBe(false);
  // the rest of Pod Security Standards "restricted": no host namespaces, ports or paths
  expect([pod.hostNetwork, pod.hostPID, pod.hostIPC].filter(Boolean)).toEqual([]);
  for (const v of pod.volumes ?? []) {
    const types = Object.keys(v).filter((k) => k !== 'name');
    expect(['emptyDir', 'secret', 'configMap', 'projected']).toEqual(expect.arrayContaining(types));
  }
  for (const c of containersOf(m)) for (const p of c.ports ?? []) expect(p.hostPort).toBeUndefined();
  for (const c of containersOf(m)) {
    const sc = c.securityContext;
    expect({ container: c.name, ...sc }).toMatchObject({
      container: c.name,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(sc.capabilities.add).toBeUndefined();
    expect(sc.privileged).not.toBe(true);
    // the read-only root filesystem works because /tmp is an emptyDir
    const tmp = c.volumeMounts.find((v: Obj) => v.mountPath === '/tmp');
    expect(pod.volumes.find((v: Obj) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    expect(c.resources.requests.cpu).toBeDefined();
    expect(c.resources.requests.memory).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
  }
}

describe.each(ALL.map((s) => [s.name, s] as const))('policies, %s', (_name, { manifests, options }) => {
  const deployments = of(manifests, 'Deployment');
  const hpas = of(manifests, 'HorizontalPodAutoscaler');
  const pdbs = of(manifests, 'PodDisruptionBudget');

  it('every Deployment container probes /healthz (startup, liveness) and /readyz (readiness) on the management port', () => {
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) {
      for (const c of podSpec(d).containers) {
        const mgmt = c.ports.find((p: Obj) => p.name === 'management');
        expect(mgmt).toBeDefined();
        expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'management' });
        expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'management' });
        expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'management' });
        // the service listens for them where the probes look
        const healthPort =
          c.env.find((e: Obj) => e.name === 'HEALTH_PORT')?.value ?? configMap(manifests).data!.HEALTH_PORT;
        expect(Number(healthPort)).toBe(mgmt.containerPort);
      }
    }
  });

  it('every pod (services, migrations, helm test) meets Pod Security "restricted": non-root, read-only root FS, no privilege escalation, all capabilities dropped, seccomp RuntimeDefault, with resources', () => {
    for (const w of workloads(manifests)) expectRestricted(w);
  });

  it('has a PodDisruptionBudget exactly where a service runs more than one pod, selecting its pods', () => {
    for (const d of deployments) {
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
      const minReplicas = hpa ? hpa.spec.minReplicas : d.spec.replicas;
      const pdb = pdbs.find((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      if (minReplicas > 1) expect(pdb).toBeDefined();
      else expect(pdb).toBeUndefined();
    }
    for (const p of pdbs)
      expect(
        deployments.some((d) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels)),
      ).toBe(true);
  });

  it('lets an HPA own the replica count of the Deployment it scales', () => {
    for (const h of hpas) {
      const d = deployments.find((x) => x.metadata.name === h.spec.scaleTargetRef.name);
      expect(d).toBeDefined();
      expect(d!.spec.replicas).toBeUndefined();
      expect(h.spec.metrics.some((m: Obj) => m.resource?.name === 'cpu')).toBe(true);
    }
  });

  it('pins every image (a version tag or a digest, never latest)', () => {
    for (const w of workloads(manifests)) {
      for (const c of containersOf(w)) {
        expect(c.image).toMatch(/^[^:@\s]+(:[^:@\s]+)?(@sha256:[a-f0-9]{64})?$/);
        expect(c.image).not.toMatch(/:latest(@|$)/);
        expect(c.image).toMatch(/:[0-9]+\.[0-9]+\.[0-9]+|@sha256:/);
      }
    }
  });

  it('never puts a credential in a plain value: DATABASE_URL and signing keys come from Secrets', () => {
    for (const w of workloads(manifests)) {
      for (const c of containersOf(w)) {
        for (const e of c.env ?? []) {
          if (
            [
              'DATABASE_URL',
              'AUTH_DEV_SIGNING_KEY',
              'BATON_TOKEN',
              'NATS_USER',
              'NATS_PASSWORD',
              'NATS_TOKEN',
            ].includes(e.name)
          )
            expect(e.valueFrom?.secretKeyRef).toBeDefined();
          if (typeof e.value === 'string') expect(e.value).not.toMatch(/:\/\/[^/\s@]+:[^/\s@]+@/);
        }
      }
    }
    for (const cm of of(manifests, 'ConfigMap'))
      expect(JSON.stringify(cm.data)).not.toMatch(/:\/\/[^/\s@"]+:[^/\s@"]+@/);
  });

  it('points every NATS_*_FILE at a file of a read-only Secret volume mounted in that container', () => {
    for (const w of workloads(manifests)) {
      const pod = podSpec(w);
      for (const c of containersOf(w)) {
        for (const e of (c.env ?? []).filter((x: Obj) => /^NATS_.*_FILE$/.test(x.name))) {
          const mount = (c.volumeMounts ?? []).find((m: Obj) => e.value.startsWith(`${m.mountPath}/`));
          expect({ env: e.name, mounted: mount?.readOnly === true }).toEqual({ env: e.name, mounted: true });
          const volume = pod.volumes.find((v: Obj) => v.name === mount.name);
          const file = e.value.slice(mount.mountPath.length + 1);
          expect(volume.secret.items.map((i: Obj) => i.path)).toContain(file);
        }
      }
    }
  });

  it('writes numbers as plain integers (Helm would print 1048576 as 1.048576e+06)', () => {
    const values = [
      ...Object.values(configMap(manifests).data ?? {}),
      ...workloads(manifests).flatMap((w) =>
        containersOf(w).flatMap((c) => (c.env ?? []).map((e: Obj) => e.value)),
      ),
    ].filter((v): v is string => typeof v === 'string');
    for (const v of values) expect(v).not.toMatch(/^[0-9.]+e[+-]?[0-9]+$/);
    expect(values).toContain('1048576');
  });

  it('sets only environment variables the services read', () => {
    const known = new Set([...configVariables(), ...RUNTIME_VARIABLES]);
    expect(known.has('DATABASE_URL') && known.has('AUTH_DEV_SIGNING_KEY')).toBe(true);
    for (const w of workloads(manifests).filter((x) => x.kind !== 'Pod')) {
      for (const c of containersOf(w))
        for (const e of c.env ?? [])
          expect({ container: c.name, env: e.name, known: known.has(e.name) }).toEqual({
            container: c.name,
            env: e.name,
            known: true,
          });
    }
    for (const key of Object.keys(configMap(manifests).data ?? {}))
      expect({ key, known: known.has(key) }).toEqual({ key, known: true });
  });

  it('gives each Service pods to select and named ports that exist on them', () => {
    for (const s of of(manifests, 'Service')) {
      const d = deployments.find((x) => matches(s.spec.selector, x.spec.template.metadata.labels));
      expect(d).toBeDefined();
      const names = podSpec(d!).containers.flatMap((c: Obj) => c.ports.map((p: Obj) => p.name));
      for (const p of s.spec.ports) expect(names).toContain(p.targetPort);
    }
  });

  it('lets only the gateway be reached from outside; services reach only DNS, NATS, Postgres and OTLP', () => {
    const policies = of(manifests, 'NetworkPolicy');
    if (policies.length === 0) return;
    expect(policies.length).toBe(deployments.length);
    const values = egressPorts(options.valuesFiles);
    const allowedEgressPorts = new Set([...values.dns, ...values.nats, ...values.postgres, ...values.otlp]);
    for (const d of deployments) {
      const np = policies.find((p) =>
        matches(p.spec.podSelector.matchLabels, d.spec.template.metadata.labels),
      )!;
      expect(np).toBeDefined();
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const isGateway = d.metadata.labels!['app.kubernetes.io/component'] === 'gateway';
      for (const rule of np.spec.ingress) {
        expect(rule.ports?.length).toBeGreaterThan(0); // never "everything from anywhere"
        const ports = rule.ports.map((p: Obj) => p.port);
        if (ports.includes('http')) expect(isGateway).toBe(true);
        else {
          expect(ports).toEqual(['management']);
          expect(rule.from?.length).toBeGreaterThan(0); // metrics only from the configured scrapers
        }
      }
      for (const rule of np.spec.egress) {
        expect(rule.ports?.length).toBeGreaterThan(0);
        for (const p of rule.ports) expect(allowedEgressPorts.has(p.port)).toBe(true);
      }
      const rendered = np.spec.egress.flatMap((r: Obj) => r.ports.map((p: Obj) => p.port));
      expect(rendered).toEqual(expect.arrayContaining([...values.dns, ...values.nats, ...values.postgres]));
    }
  });

  it("runs every enabled service's migrations in a pre-install/pre-upgrade hook Job, each in its own container", () => {
    const [job] = of(manifests, 'Job');
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    expect(job.metadata.annotations!['helm.sh/hook-weight']).toBeDefined();
    const migrated = podSpec(job).containers.map((c: Obj) => {
      expect(c.args[1]).toBe('migrate');
      return /^dist\/services\/([a-z]+)\/src\/main\.js$/.exec(c.args[0])![1];
    });
    const running = deployments.map((d) => d.metadata.labels!['app.kubernetes.io/component']);
    expect(migrated.sort()).toEqual(running.sort());
    // nothing it needs may be a normal resource (those are created after pre-install hooks)
    for (const c of podSpec(job).containers) expect(c.envFrom).toBeUndefined();
    const dbSecret = of(manifests, 'Secret')[0];
    if (dbSecret) expect(dbSecret.metadata.annotations!['helm.sh/hook']).toMatch(/pre-install/);
  });

  it('has a helm test pod that calls the gateway Service', () => {
    const [pod] = of(manifests, 'Pod');
    expect(pod.metadata.annotations!['helm.sh/hook']).toBe('test');
    const url = pod.spec.containers[0].env.find((e: Obj) => e.name === 'BATON_URL').value as string;
    const gateway = of(manifests, 'Service').find(
      (s) => s.metadata.labels!['app.kubernetes.io/component'] === 'gateway',
    )!;
    expect(url).toBe(
      `http://${gateway.metadata.name}:${gateway.spec.ports.find((p: Obj) => p.name === 'http').port}`,
    );
    expect(pod.spec.containers[0].args.join(' ')).toMatch(/\/api\/v1\/projects/);
  });

  it('scrapes the management port of every Service when a ServiceMonitor is rendered', () => {
    for (const sm of of(manifests, 'ServiceMonitor')) {
      expect(sm.spec.endpoints).toEqual([expect.objectContaining({ port: 'management', path: '/metrics' })]);
      const selected = of(manifests, 'Service').filter((s) =>
        matches(sm.spec.selector.matchLabels, s.metadata.labels),
      );
      expect(selected.length).toBe(deployments.length);
    }
  });
});

function configMap(ms: Manifest[]): Manifest {
  return ms.find((m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-config'))!;
}

/** the egress ports the values allow (chart defaults, overridden by the scenario's file) */
function egressPorts(valuesFiles: string[] = []) {
  const read = (f: string) => (parse(readFileSync(join(CHART_DIR, f), 'utf8')) ?? {}) as Obj;
  const layers = ['values.yaml', ...valuesFiles].map((f) => read(f).networkPolicy?.egress ?? {});
  const pick = (name: string): number[] => layers.reduce((acc, l) => l[name]?.ports ?? acc, [] as number[]);
  return { nats: pick('nats'), postgres: pick('postgres'), otlp: pick('otlp'), dns: pick('dns') };
}

describe('defaults', () => {
  it('install one Deployment per service in services/ (the chart knows every service)', () => {
    const components = of(DEFAULT, 'Deployment').map(
      (d) => d.metadata.labels!['app.kubernetes.io/component'],
    );
    expect(components.sort()).toEqual(SERVICES);
  });

  it('drop every resource and the migration container of a disabled service', () => {
    const without = render(4, { set: ['services.risk.enabled=false'] });
    expect(without.filter((m) => /-risk$/.test(m.metadata.name))).toEqual([]);
    const job = of(without, 'Job')[0];
    expect(podSpec(job).containers.map((c: Obj) => c.name)).not.toContain('migrate-risk');
    expect(of(without, 'Deployment').length).toBe(SERVICES.length - 1);
  });

  it('wire NATS credentials and TLS files from Secrets into every service and the migration Job', () => {
    const scenario = (file: string) => ALL.find((s) => s.name === file)!.manifests;
    const natsEnv = (ms: Manifest[]) =>
      [...of(ms, 'Deployment'), ...of(ms, 'Job')].flatMap((w) =>
        podSpec(w).containers.map((c: Obj) =>
          Object.fromEntries(
            c.env
              .filter((e: Obj) => e.name.startsWith('NATS_'))
              .map((e: Obj) => [e.name, e.value ?? e.valueFrom]),
          ),
        ),
      );
    const creds = natsEnv(scenario('ci/nats-credentials-values.yaml'));
    expect(creds.length).toBe(SERVICES.length * 2); // a Deployment and a migration container each
    for (const env of creds)
      expect(env).toEqual({
        NATS_URL: { secretKeyRef: { name: 'baton-nats', key: 'url' } },
        NATS_CREDS_FILE: '/etc/baton/nats-creds/nats.creds',
        NATS_TLS_CA_FILE: '/etc/baton/nats-tls/ca.crt',
        NATS_TLS_CERT_FILE: '/etc/baton/nats-tls/tls.crt',
        NATS_TLS_KEY_FILE: '/etc/baton/nats-tls/tls.key',
      });
    for (const env of natsEnv(scenario('ci/nats-password-values.yaml')))
      expect(env).toEqual({
        NATS_URL: 'tls://nats.nats.svc:4222',
        NATS_USER: { secretKeyRef: { name: 'baton-nats-auth', key: 'user' } },
        NATS_PASSWORD: { secretKeyRef: { name: 'baton-nats-auth', key: 'password' } },
        NATS_TLS_CA_FILE: '/etc/baton/nats-tls/ca.crt',
      });
    for (const env of natsEnv(DEFAULT)) expect(Object.keys(env)).toEqual(['NATS_URL']);
  });

  it('render no Secret and no secret value', () => {
    expect(of(DEFAULT, 'Secret')).toEqual([]);
  });

  it('render a Secret only where a scenario gives the database URL as a value', () => {
    for (const s of ALL) {
      const secrets = of(s.manifests, 'Secret');
      expect(secrets.length).toBe(s.name.startsWith('ci/database-url-values.yaml') ? 1 : 0);
    }
  });

  it('leave the ServiceMonitor and PrometheusRule out when the operator API is absent', () => {
    expect(of(DEFAULT, 'ServiceMonitor')).toEqual([]);
    expect(of(DEFAULT, 'PrometheusRule')).toEqual([]);
  });

  it('give the gateway an Ingress or an HTTPRoute when asked, routed to its http port', () => {
    const ha = ALL.find((s) => s.name === 'ci/high-availability-values.yaml')!.manifests;
    const [ingress] = of(ha, 'Ingress');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: 'baton-gateway',
      port: { name: 'http' },
    });
    const ext = ALL.find((s) => s.name === 'ci/external-tls-values.yaml')!.manifests;
    expect(of(ext, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([{ name: 'baton-gateway', port: 80 }]);
  });

  it('apply per-service overrides to that service only', () => {
    const ha = ALL.find((s) => s.name === 'ci/high-availability-values.yaml')!.manifests;
    const dep = (svc: string) => of(ha, 'Deployment').find((d) => d.metadata.name === `baton-${svc}`)!;
    expect(podSpec(dep('reporting')).nodeSelector).toEqual({ workload: 'batch' });
    expect(podSpec(dep('planning')).nodeSelector).toBeUndefined();
    expect(podSpec(dep('planning')).containers[0].env).toContainEqual({ name: 'LOG_LEVEL', value: 'debug' });
    expect(podSpec(dep('budget')).containers[0].env.find((e: Obj) => e.name === 'LOG_LEVEL')).toBeUndefined();
    expect(dep('quality').spec.replicas).toBe(2); // autoscaling switched off for quality alone
    expect(of(ha, 'HorizontalPodAutoscaler').map((h) => h.metadata.name)).not.toContain('baton-quality');
    expect(podSpec(dep('gateway')).containers[0].resources.requests.cpu).toBe('250m');
    expect(podSpec(dep('risk')).containers[0].resources.requests.cpu).toBe('100m');
    const reportingHpa = of(ha, 'HorizontalPodAutoscaler').find(
      (h) => h.metadata.name === 'baton-reporting',
    )!;
    expect(reportingHpa.spec.metrics.map((m: Obj) => m.type)).toEqual(['Resource', 'Pods']);
    for (const w of workloads(ha)) for (const c of containersOf(w)) expect(c.image).toMatch(/@sha256:0123/);
  });
});
