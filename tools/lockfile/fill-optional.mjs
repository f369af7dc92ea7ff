#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional packages that the registry these
// machines use does not carry (e.g. @swc/core-darwin-arm64). `npm install` silently leaves them
// out of package-lock.json, and `npm ci` then refuses the lockfile as out of sync
// ("Missing: @swc/core-darwin-arm64@ from lock file"). A lockfile made against the public
// registry has these entries; this restores them, with `os`/`cpu` read from the package name so
// npm skips them on other platforms without fetching anything.
// Run after `npm install` changes the lockfile: `node tools/lockfile/fill-optional.mjs`.
// `--check` changes nothing and exits 1 if entries are missing (CI runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd', 'wasm32'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];
const LIBC = { gnu: 'glibc', musl: 'musl', gnueabihf: 'glibc', musleabihf: 'musl' };

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t));
  const libc = tokens.map((t) => LIBC[t]).find(Boolean);
  return { os, cpu, libc };
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = key ? `${key}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[base] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform binary: leave it alone
    const exact = String(version).replace(/^[\^~=]/, '');
    packages[`node_modules/${dep}`] = {
      version: exact,
      resolved: `https://registry.npmjs.org/${dep}/-/${dep.split('/').pop()}-${exact}.tgz`,
      ...(cpu && cpu !== 'wasm32' ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      license: entry.license,
      optional: true,
      ...(os && os !== 'wasm32' ? { os: [os] } : {}),
    };
    added++;
  }
}
if (process.argv.includes('--check')) {
  if (added > 0) {
    console.error(`package-lock.json lacks ${added} platform-specific optional entries: run node tools/lockfile/fill-optional.mjs`);
    process.exit(1);
  }
  console.log('fill-optional: lockfile complete');
  process.exit(0);
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fill-optional: added ${added} platform-specific optional entries`);
