import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from '../build.mjs';
import { REPO_ROOT } from './helm-binary.js';

/**
 * The image installs only `dependencies` (npm ci --omit=dev --omit=optional). This walks the
 * compiled services from each dist/services/<svc>/src/main.js, following relative imports, and
 * checks that every package they load at run time is a production dependency, so a service
 * importing a devDependency fails here instead of crashing in the container.
 */
const SERVICES = readdirSync(join(REPO_ROOT, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const BUILTINS = new Set(builtinModules);

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** the bare package specifiers reachable from an entry file, with one file that loads each */
function packagesLoadedFrom(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!existsSync(target)) throw new Error(`${file} imports ${spec}, which was not built`);
        queue.push(target);
      } else if (!packages.has(spec)) packages.set(spec, file);
    }
  }
  return packages;
}

const packageName = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

describe('what the image runs', () => {
  it.each(SERVICES)('%s loads only Node built-ins and production dependencies', async (service) => {
    await build({ quiet: true });
    const loaded = packagesLoadedFrom(join(REPO_ROOT, `dist/services/${service}/src/main.js`));
    expect(loaded.size).toBeGreaterThan(5);
    for (const [spec, file] of loaded) {
      if (spec.startsWith('node:') || BUILTINS.has(spec)) continue;
      const name = packageName(spec);
      expect({ spec, from: file.replace(`${REPO_ROOT}/`, ''), production: name in pkg.dependencies }).toEqual(
        {
          spec,
          from: file.replace(`${REPO_ROOT}/`, ''),
          production: true,
        },
      );
    }
  });

  it('sees a devDependency when one is imported (the walk can fail)', () => {
    expect('fastify' in pkg.devDependencies && !('fastify' in pkg.dependencies)).toBe(true);
    const loaded = packagesLoadedFrom(join(REPO_ROOT, 'dist/services/gateway/src/main.js'));
    expect([...loaded.keys()]).toContain('@nestjs/platform-fastify');
    const probe = 'import { x } from "fastify";\nimport "reflect-metadata";\nawait import("pg");';
    expect([...probe.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3])).toEqual([
      'fastify',
      'reflect-metadata',
      'pg',
    ]);
  });
});
