import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NODE_FLAGS } from '../start/node-flags.js';
import { REPO_ROOT } from './helm-binary.js';

/**
 * deploy/Dockerfile and deploy/compose.yaml cannot be built or run here (no Docker engine), so
 * what can be checked is checked: every file a stage copies exists and is in the build context,
 * stages copy only from stages that produce what they copy, images are pinned, the runtime is
 * non-root, and the lists of services match services/.
 */
const SERVICES = readdirSync(join(REPO_ROOT, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  image: string;
  name: string;
  body: Instruction[];
}

/** Dockerfile instructions, continuation lines joined, comments dropped */
export function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [, op, args] = /^(\S+)\s*(.*)$/.exec(l)!;
      return { op: op.toUpperCase(), args };
    });
}

function stages(all: Instruction[]): Stage[] {
  const globals = new Map<string, string>();
  const out: Stage[] = [];
  for (const i of all) {
    if (i.op === 'ARG' && out.length === 0) {
      const [k, v] = i.args.split('=');
      globals.set(k, v ?? '');
    } else if (i.op === 'FROM') {
      const [image, , name] = i.args
        .replace(/\$\{(\w+)\}/g, (_m, k: string) => globals.get(k) ?? '')
        .split(/\s+/);
      out.push({ image, name: name ?? String(out.length), body: [] });
    } else out.at(-1)?.body.push(i);
  }
  return out;
}

/** .dockerignore as Docker reads it: last matching pattern wins, "!" re-includes, a match on a parent excludes the children */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\//, '');
      const source = pattern
        .split('/')
        .map((seg) =>
          seg === '**'
            ? '.*'
            : seg
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(.*/)?');
      return { negate, re: new RegExp(`^${source}(/.*)?$`) };
    });
  return (path: string) => {
    let excluded = false;
    for (const r of rules) if (r.re.test(path)) excluded = !r.negate;
    return excluded;
  };
}

const dockerfile = readFileSync(join(REPO_ROOT, 'deploy/Dockerfile'), 'utf8');
const all = instructions(dockerfile);
const built = stages(all);
const ignored = dockerignore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));
const stage = (name: string) => built.find((s) => s.name === name)!;
const runtime = built.at(-1)!;

describe('deploy/Dockerfile', () => {
  it('has the stages deps, build and runtime, each from a pinned Node 22 image', () => {
    expect(built.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    for (const s of built) {
      expect(s.image).toMatch(/^node:22\.\d+\.\d+-[a-z]+-slim$/);
      expect(s.image).not.toMatch(/latest/);
    }
  });

  it('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const sources: string[] = [];
    for (const s of built) {
      for (const i of s.body.filter((x) => x.op === 'COPY' && !/--from=/.test(x.args))) {
        const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
        sources.push(...parts.slice(0, -1));
      }
    }
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'tools/build.mjs', 'libs', 'services']),
    );
    for (const src of sources) {
      expect({ src, exists: existsSync(join(REPO_ROOT, src)) }).toEqual({ src, exists: true });
      expect({ src, ignored: ignored(src) }).toEqual({ src, ignored: false });
    }
    // and the build reads nothing else: tools/build.mjs needs these two files beside it
    for (const needed of ['tsconfig.base.json', '.swcrc']) expect(sources).toContain(needed);
  });

  it('keeps tests, local state and other tools out of the build context', () => {
    for (const path of [
      'node_modules',
      'dist',
      '.data',
      '.git',
      'charts',
      'tools/start',
      'tools/helm/chart.spec.ts',
      'services/planning/src/test/x.ts',
      'services/planning/src/project/project.service.spec.ts',
      'libs/x/node_modules',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    }
    for (const path of [
      'services/planning/src/main.ts',
      'libs/platform/src/index.ts',
      'tools/build.mjs',
      'package.json',
    ]) {
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: false });
    }
  });

  it('copies between stages only what the source stage produces', () => {
    const produced: Record<string, RegExp> = { node_modules: /npm ci/, dist: /tools\/build\.mjs/ };
    const copies = runtime.body.filter((x) => x.op === 'COPY' && /--from=/.test(x.args));
    expect(copies.length).toBe(2);
    for (const c of copies) {
      const from = /--from=(\S+)/.exec(c.args)![1];
      const src = c.args.split(/\s+/).filter((p) => !p.startsWith('--'))[0];
      const source = stage(from);
      expect(source).toBeDefined();
      const what = src.split('/').at(-1)!;
      expect(
        source.body
          .filter((x) => x.op === 'RUN')
          .map((x) => x.args)
          .join('\n'),
      ).toMatch(produced[what]);
    }
  });

  it('ships only production dependencies, installed without install scripts', () => {
    const modules = runtime.body.find((x) => x.op === 'COPY' && /node_modules/.test(x.args))!;
    expect(modules.args).toMatch(/--from=deps/);
    const install = stage('deps').body.find((x) => x.op === 'RUN' && /npm ci/.test(x.args))!;
    expect(install.args).toMatch(/--omit=dev/);
    expect(install.args).toMatch(/--ignore-scripts/);
  });

  it('builds and checks the entry point of exactly the services in services/', () => {
    const check = stage('build').body.find((x) => x.op === 'RUN' && /for service in/.test(x.args))!;
    const listed = /for service in ([a-z ]+);/.exec(check.args)![1].trim().split(/\s+/);
    expect([...listed].sort()).toEqual(SERVICES);
  });

  it('runs as a numeric non-root user under tini, node (with the services\' flags) as its child', () => {
    const user = runtime.body.filter((x) => x.op === 'USER').at(-1)!.args;
    expect(user).toMatch(/^[1-9][0-9]*:[1-9][0-9]*$/);
    const chart = parse(readFileSync(join(REPO_ROOT, 'charts/baton/values.yaml'), 'utf8'));
    expect(user).toBe(`${chart.podSecurityContext.runAsUser}:${chart.podSecurityContext.runAsGroup}`);
    // with the flags every service runs with elsewhere (npm start, tests, benchmarks)
    expect(JSON.parse(runtime.body.find((x) => x.op === 'ENTRYPOINT')!.args)).toEqual([
      '/usr/bin/tini',
      '--',
      'node',
      ...SERVICE_NODE_FLAGS,
    ]);
    expect(JSON.parse(runtime.body.find((x) => x.op === 'CMD')!.args)[0]).toMatch(
      /^dist\/services\/gateway\/src\/main\.js$/,
    );
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(join(REPO_ROOT, 'deploy/compose.yaml'), 'utf8'), { merge: true });
  const services = compose.services as Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('runs Postgres, NATS, the migrations and every service in services/', () => {
    expect(Object.keys(services).sort()).toEqual([...SERVICES, 'migrate', 'nats', 'postgres'].sort());
    const loop = services.migrate.command.join(' ');
    expect(/for service in ([a-z ]+);/.exec(loop)![1].trim().split(/\s+/).sort()).toEqual(SERVICES);
    for (const s of SERVICES) {
      expect(services[s].command).toEqual([`dist/services/${s}/src/main.js`]);
      expect(services[s].depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(services[s]).toMatchObject({ read_only: true, user: '10001:10001', cap_drop: ['ALL'] });
      expect(services[s].tmpfs).toEqual(['/tmp:size=64m']);
      expect(services[s].environment).toMatchObject({ HEALTH_PORT: '8081', MIGRATE_ON_START: 'false' });
    }
    expect(services.gateway.ports).toEqual(['${BATON_PORT:-3000}:3000']);
    expect(services.migrate.build.dockerfile).toBe('deploy/Dockerfile');
  });

  it('pins Postgres 18 and NATS 2.x, and runs JetStream with fsync on every write', () => {
    expect(services.postgres.image).toMatch(/^postgres:18(\.\d+)?(-[a-z]+)?$/);
    expect(services.nats.image).toMatch(/^nats:2\.\d+(\.\d+)?(-[a-z]+)?$/);
    const conf = compose.configs['nats-conf'].content as string;
    expect(conf).toMatch(/jetstream\s*\{[^}]*sync_interval:\s*always/);
    expect(services.nats.command).toEqual(['-c', '/etc/nats/nats.conf']);
  });
});
