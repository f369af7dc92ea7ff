/**
 * The values table of charts/baton/README.md, generated from the `## @section` and
 * `## @param <key> <description>` comments of values.yaml (the convention of Bitnami's
 * readme-generator-for-helm), with each default read from the YAML itself.
 *
 *   npx tsx tools/helm/readme.ts           # rewrite the table between the markers
 *   npx tsx tools/helm/readme.ts --check   # exit 1 when the README is stale
 *
 * Every value must be described: a key in values.yaml without a @param (or a @param naming no
 * key) is an error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const CHART_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../charts/baton');
export const BEGIN =
  '<!-- BEGIN VALUES: generated from values.yaml by tools/helm/readme.ts; do not edit by hand -->';
export const END = '<!-- END VALUES -->';

export interface Param {
  key: string;
  description: string;
  section: string;
}

export function parseParams(valuesText: string): Param[] {
  const params: Param[] = [];
  let section = '';
  for (const line of valuesText.split('\n')) {
    const s = /^\s*## @section (.+)$/.exec(line);
    if (s) {
      section = s[1].trim();
      continue;
    }
    const p = /^\s*## @param (\S+)\s+(.+)$/.exec(line);
    if (p) params.push({ key: p[1], description: p[2].trim(), section });
    else if (/^\s*## @param/.test(line)) throw new Error(`a @param without a description: ${line.trim()}`);
  }
  return params;
}

type Tree = Record<string, unknown>;
const isObject = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function lookup(values: Tree, key: string): { found: boolean; value?: unknown } {
  let cur: unknown = values;
  for (const part of key.split('.')) {
    if (!isObject(cur) || !(part in cur)) return { found: false };
    cur = cur[part];
  }
  return { found: true, value: cur };
}

/** the keys that need a @param: leaves (scalars, lists, empty maps) not under a described key */
export function undocumentedKeys(values: Tree, described: Set<string>, prefix = ''): string[] {
  const missing: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (described.has(key)) continue;
    if (isObject(v) && Object.keys(v).length > 0) missing.push(...undocumentedKeys(v, described, key));
    else missing.push(key);
  }
  return missing;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function formatDefault(value: unknown): string {
  return `\`${JSON.stringify(value).replace(/\|/g, '\\|')}\``;
}

export function generateTable(valuesText: string): string {
  const values = parse(valuesText) as Tree;
  const params = parseParams(valuesText);
  const keys = new Set(params.map((p) => p.key));
  const unknown = params.filter((p) => !lookup(values, p.key).found).map((p) => p.key);
  if (unknown.length)
    throw new Error(`@param names keys that values.yaml does not have: ${unknown.join(', ')}`);
  const duplicated = params
    .filter((p, i) => params.findIndex((q) => q.key === p.key) !== i)
    .map((p) => p.key);
  if (duplicated.length) throw new Error(`@param given twice: ${duplicated.join(', ')}`);
  const missing = undocumentedKeys(values, keys);
  if (missing.length) throw new Error(`values without a ## @param comment: ${missing.join(', ')}`);
  const out: string[] = [];
  let section: string | undefined;
  for (const p of params) {
    if (p.section !== section) {
      section = p.section;
      out.push('', `### ${section}`, '', '| Key | Description | Default |', '| --- | --- | --- |');
    }
    out.push(`| \`${p.key}\` | ${cell(p.description)} | ${formatDefault(lookup(values, p.key).value)} |`);
  }
  return out.join('\n').trim();
}

/** the README with its values table replaced */
export function renderReadme(readme: string, valuesText: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${BEGIN} ... ${END}`);
  return `${readme.slice(0, start + BEGIN.length)}\n\n${generateTable(valuesText)}\n\n${readme.slice(end)}`;
}

export function chartFiles(dir = CHART_DIR) {
  return { readmePath: join(dir, 'README.md'), valuesPath: join(dir, 'values.yaml') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { readmePath, valuesPath } = chartFiles();
  const current = readFileSync(readmePath, 'utf8');
  const next = renderReadme(current, readFileSync(valuesPath, 'utf8'));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('charts/baton/README.md is stale: run npx tsx tools/helm/readme.ts');
      process.exit(1);
    }
    console.log('charts/baton/README.md is current');
  } else if (next !== current) {
    writeFileSync(readmePath, next);
    console.log('charts/baton/README.md updated');
  } else {
    console.log('charts/baton/README.md already current');
  }
}
