// Proves that the boundaries in eslint.config.js are enforced, not decorative: probe sources
// that break them are reported by @nx/enforce-module-boundaries (and forwardRef by its ban),
// while a service importing the shared libraries passes.
//
// The probes are linted from memory (ESLint's lintText with a file path inside the project they
// pretend to belong to), so no file is written. ESLint runs in a child Node process with the
// repository's real config: the Nx plugin and ESLint's config loader do not belong inside Jest's
// ESM module sandbox. Only the rules under test run, and the probes are parsed without type
// information (a file that is not on disk is not part of the TypeScript program).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const RULES_UNDER_TEST = ['@nx/enforce-module-boundaries', 'no-restricted-imports', 'no-restricted-syntax'];
const RESULT_MARK = '@@lint-probe-results@@';

interface Probe {
  filePath: string;
  code: string;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
}

// Runs in the child process (an ES module evaluated with cwd = repository root).
const childScript = `
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
const { probes, rules } = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ['**/__probe__*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
  },
  ruleFilter: ({ ruleId }) => rules.includes(ruleId),
});
const results = {};
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  results[filePath] = result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}
process.stdout.write('\\n${RESULT_MARK}' + JSON.stringify(results) + '\\n');
`;

const probes = {
  crossService: {
    filePath: 'services/planning/src/__probe__cross-service.ts',
    code: [
      "import { AppModule } from '../../reporting/src/app.module.js';",
      'export const probe = AppModule;',
    ].join('\n'),
  },
  sharedLibs: {
    filePath: 'services/planning/src/__probe__shared-libs.ts',
    code: [
      "import * as contracts from '@baton/contracts';",
      "import * as platform from '@baton/platform';",
      'export const probe = [contracts, platform];',
    ].join('\n'),
  },
  layerViolation: {
    filePath: 'libs/platform/src/__probe__layer.ts',
    code: ["import * as localInfra from '@baton/local-infra';", 'export const probe = localInfra;'].join(
      '\n',
    ),
  },
  forwardRef: {
    filePath: 'services/planning/src/__probe__forward-ref.ts',
    code: [
      "import { forwardRef } from '@nestjs/common';",
      'export const probe = forwardRef(() => Object);',
    ].join('\n'),
  },
} satisfies Record<string, Probe>;

function lintProbes(list: Probe[]): Record<string, LintMessage[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not wanted in the child
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', childScript], {
    cwd: repoRoot,
    env,
    input: JSON.stringify({ probes: list, rules: RULES_UNDER_TEST }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (child.status !== 0 || line === undefined) {
    throw new Error(`ESLint probe run failed (exit ${child.status}):\n${child.stdout}\n${child.stderr}`);
  }
  return JSON.parse(line.slice(RESULT_MARK.length)) as Record<string, LintMessage[]>;
}

describe('module boundaries (eslint.config.js)', () => {
  let results: Record<string, LintMessage[]>;

  beforeAll(() => {
    results = lintProbes(Object.values(probes));
  }, 120_000);

  it("reports a service that imports another service's code", () => {
    expect(results[probes.crossService.filePath]).toEqual([
      {
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringMatching(/cannot be imported by a relative or absolute path/),
      },
    ]);
  });

  it('lets a service import the shared contracts and platform libraries', () => {
    // Empty, not merely free of boundary errors: a parse error would also hide the rule.
    expect(results[probes.sharedLibs.filePath]).toEqual([]);
  });

  it('reports a library that depends on a layer it may not use (platform -> tooling)', () => {
    expect(results[probes.layerViolation.filePath]).toEqual([
      {
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringMatching(
          /"type:platform" can only depend on libs tagged with "type:contracts"/,
        ),
      },
    ]);
  });

  it('reports forwardRef, both the import and the call', () => {
    const ruleIds = results[probes.forwardRef.filePath].map((m) => m.ruleId).sort();
    expect(ruleIds).toEqual(['no-restricted-imports', 'no-restricted-syntax']);
  });
});
