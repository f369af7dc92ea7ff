#!/usr/bin/env node
// Compiles every service and library with SWC into dist/, keeping the source layout
// (services/planning/src/main.ts -> dist/services/planning/src/main.js).
// SWC, not tsc/esbuild: Nest needs decorator metadata (ValidationPipe, Swagger, DI), and
// SWC emits it in ~0.3 s for the whole tree. Path aliases (@baton/*) are rewritten to
// relative imports, so the output runs with plain `node`. Only stale files are rebuilt.
import { transformFile } from '@swc/core';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const SKIP = /(\.spec|\.integration-spec|\.e2e-spec)\.ts$|\.d\.ts$/;

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'test' || e.name === '__fixtures__') continue;
      yield* walk(p);
    } else if (e.name.endsWith('.ts') && !SKIP.test(e.name)) yield p;
  }
}

async function sourceRoots() {
  const roots = [];
  for (const group of ['services', 'libs']) {
    for (const name of await readdir(join(root, group)).catch(() => [])) {
      roots.push(join(root, group, name, 'src'));
    }
  }
  return roots;
}

async function mtime(p) {
  try {
    return (await stat(p)).mtimeMs;
  } catch {
    return -1;
  }
}

export async function build({ force = false, quiet = false } = {}) {
  const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
  const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
  const paths = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([k, v]) => [k, v.map((p) => p.replace(/^\.\//, ''))]),
  );
  const started = Date.now();
  let compiled = 0;
  let total = 0;
  const expected = new Set();
  for (const srcRoot of await sourceRoots()) {
    for await (const file of walk(srcRoot)) {
      total++;
      const rel = relative(root, file).replace(/\.ts$/, '.js');
      const out = join(outDir, rel);
      expected.add(out);
      if (!force && (await mtime(out)) >= (await mtime(file))) continue;
      const { $schema, exclude, ...options } = swcrc;
      const result = await transformFile(file, {
        ...options,
        swcrc: false,
        filename: file,
        sourceFileName: relative(dirname(out), file),
        jsc: { ...options.jsc, baseUrl: root, paths },
      });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${result.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (result.map) await writeFile(`${out}.map`, result.map);
      compiled++;
    }
  }
  // Remove outputs whose source is gone, so a deleted module cannot keep running.
  for await (const f of walkJs(outDir)) if (!expected.has(f)) await rm(f, { force: true });
  if (!quiet) {
    console.log(`build: ${compiled} of ${total} files compiled in ${Date.now() - started} ms`);
  }
  return { compiled, total };
}

async function* walkJs(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walkJs(p);
    else if (e.name.endsWith('.js')) yield p;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(`build failed: ${err.message ?? err}`);
    process.exit(1);
  });
}
