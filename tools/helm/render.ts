/**
 * Runs the pinned Helm binaries over charts/baton: lint, template, and the scenarios (example
 * values files in charts/baton/ci/) that the tests render under Helm 3 and Helm 4.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureHelm, REPO_ROOT } from './helm-binary.js';

export const CHART_DIR = join(REPO_ROOT, 'charts', 'baton');
export const MONITORING_API = 'monitoring.coreos.com/v1';

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runHelm(major: 3 | 4, args: string[]): HelmResult {
  const r = spawnSync(ensureHelm(major), args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // no repository or plugin state from the machine leaks in
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(REPO_ROOT, '.cache', 'helm', 'home', 'cache'),
      HELM_CONFIG_HOME: join(REPO_ROOT, '.cache', 'helm', 'home', 'config'),
      HELM_DATA_HOME: join(REPO_ROOT, '.cache', 'helm', 'home', 'data'),
    },
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface RenderOptions {
  /** example values files, relative to the chart (e.g. "ci/trial-values.yaml") */
  valuesFiles?: string[];
  /** --set key=value pairs */
  set?: string[];
  /** extra API versions the pretend cluster offers (e.g. MONITORING_API) */
  apiVersions?: string[];
  namespace?: string;
  release?: string;
}

export function templateArgs(opts: RenderOptions = {}): string[] {
  const args = ['template', opts.release ?? 'baton', CHART_DIR, '--namespace', opts.namespace ?? 'baton'];
  for (const f of opts.valuesFiles ?? []) args.push('-f', join(CHART_DIR, f));
  for (const s of opts.set ?? []) args.push('--set', s);
  for (const a of opts.apiVersions ?? []) args.push('--api-versions', a);
  return args;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [key: string]: unknown;
}

export function parseManifests(yamlText: string): Manifest[] {
  const docs = parseAllDocuments(yamlText);
  const out: Manifest[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`invalid YAML in rendered output: ${doc.errors[0].message}`);
    const value = doc.toJS() as Manifest | null;
    if (value) out.push(value);
  }
  return out;
}

const rendered = new Map<string, string>();

/** `helm template`, parsed (a fresh copy each call; Helm runs once per major and options); throws with Helm's message when rendering fails */
export function render(major: 3 | 4, opts: RenderOptions = {}): Manifest[] {
  const args = templateArgs(opts);
  const key = `${major} ${JSON.stringify(args)}`;
  let text = rendered.get(key);
  if (text === undefined) {
    const r = runHelm(major, args);
    if (r.status !== 0) throw new Error(`helm ${major} template failed: ${r.stderr.trim()}`);
    text = r.stdout;
    rendered.set(key, text);
  }
  return parseManifests(text);
}

/**
 * NOTES.txt as an install would print it. `helm template` does not render NOTES and
 * `helm install --dry-run` wants a cluster (Helm 3) or refuses --api-versions (Helm 4), so the
 * notes (the named template "baton.notes" that NOTES.txt includes) are rendered from a copy of
 * the chart with one extra template that puts them in a ConfigMap.
 */
export function notes(major: 3 | 4, opts: RenderOptions = {}): string {
  const copy = join(REPO_ROOT, '.cache', 'helm', `notes-chart-${process.pid}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(CHART_DIR, copy, { recursive: true });
  writeFileSync(
    join(copy, 'templates', 'zz-notes-probe.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes-probe\ndata:\n  notes: {{ include "baton.notes" . | toJson }}\n',
  );
  const args = templateArgs(opts).map((a) => (a === CHART_DIR ? copy : a));
  args.push('--show-only', 'templates/zz-notes-probe.yaml');
  const r = runHelm(major, args);
  rmSync(copy, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`helm ${major} template (notes) failed: ${r.stderr.trim()}`);
  return (parseManifests(r.stdout)[0].data as Record<string, string>).notes;
}

export function lint(major: 3 | 4, valuesFiles: string[] = [], set: string[] = []): HelmResult {
  const args = ['lint', '--strict', CHART_DIR];
  for (const f of valuesFiles) args.push('-f', join(CHART_DIR, f));
  for (const s of set) args.push('--set', s);
  return runHelm(major, args);
}

/** the example values files kept in charts/baton/ci/ */
export function exampleValuesFiles(): string[] {
  return readdirSync(join(CHART_DIR, 'ci'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `ci/${f}`);
}

export interface Scenario {
  name: string;
  options: RenderOptions;
}

/** default values and every example file, each with and without the Prometheus operator API */
export function scenarios(): Scenario[] {
  const files: Array<string | undefined> = [undefined, ...exampleValuesFiles()];
  return files.flatMap((file) =>
    [false, true].map((monitoring) => ({
      name: `${file ?? 'default values'}${monitoring ? ' + operator API' : ''}`,
      options: { valuesFiles: file ? [file] : [], apiVersions: monitoring ? [MONITORING_API] : [] },
    })),
  );
}
