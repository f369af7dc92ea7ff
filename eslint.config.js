// ESLint flat config for the whole monorepo: `npx eslint .` (or `nx run <project>:lint`).
//
// Deliberately small: typescript-eslint's recommended set plus a handful of rules that pay for
// themselves in a NestJS-over-NATS codebase (floating promises, promises handed to callbacks that
// ignore them, non-exhaustive switches, forwardRef), and Nx's module-boundary rule, which is how
// "a service never imports another service's code" is enforced rather than hoped for.
//
// Not wanted: `@typescript-eslint/consistent-type-imports` (or anything else that rewrites
// `import { Foo }` to `import type { Foo }`): Nest's DI reads constructor parameter types from
// decorator metadata, which needs a value import of each injected class.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createProjectGraphAsync } from '@nx/devkit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries reads Nx's *cached* project graph (.nx/workspace-data) and, when
// there is none (a fresh clone, CI), skips itself with a mere warning. Computing the graph here
// (no daemon, ~1 s) makes every `eslint` run check boundaries against the current projects.
await createProjectGraphAsync({ exitOnError: true });

const SERVICES = ['gateway', 'planning', 'resources', 'budget', 'risk', 'quality', 'reporting'];

const typedFiles = ['services/**/src/**/*.ts', 'libs/**/src/**/*.ts', 'tools/**/*.ts'];

const unusedVars = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  ignoreRestSiblings: true,
};
const forwardRefMessage = 'No forwardRef: break the cycle (extract a provider or a module) instead.';

const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

/** The depConstraints of @nx/enforce-module-boundaries; `tests` lets platform specs use libs/testing. */
function boundaries({ tests }) {
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    // A service's main.ts imports @baton/platform dynamically, after initTelemetry(), so that
    // OpenTelemetry patches modules before they load. Nx would then forbid static imports of
    // platform anywhere in that service ("lazy-loaded library", a browser code-splitting idea).
    checkDynamicDependenciesExceptions: ['@baton/**'],
    depConstraints: [
      // A service depends on its own code and the shared libraries, never on another service.
      ...SERVICES.map((svc) => ({
        sourceTag: `scope:${svc}`,
        onlyDependOnLibsWithTags: [`scope:${svc}`, 'scope:shared'],
      })),
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      // Layers: contracts <- platform <- testing; tooling (local-infra) sits beside platform.
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing', 'type:tooling'],
      },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      // Pure domain engines (scheduling): no framework, no I/O, no other Baton library.
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
      {
        sourceTag: 'type:platform',
        onlyDependOnLibsWithTags: tests ? ['type:contracts', 'type:testing'] : ['type:contracts'],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:tooling'],
      },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts'] },
    ],
  };
}

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', 'tmp/', '**/.data/', '**/.cache/', '**/coverage/', '.nx/']),

  // Everything: JavaScript and TypeScript basics.
  js.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts', '**/*.mts', '**/*.cts'] })),
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { 'no-unused-vars': ['error', unusedVars] },
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    rules: {
      // Circular provider graphs are a design smell; split the module instead (STYLE.md).
      'no-restricted-imports': [
        'error',
        {
          paths: ['@nestjs/common', '@nestjs/core'].map((name) => ({
            name,
            importNames: ['forwardRef'],
            message: forwardRefMessage,
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.name='forwardRef'], CallExpression[callee.property.name='forwardRef']",
          message: forwardRefMessage,
        },
      ],
    },
  },

  // TypeScript in the projects and tools: rules that need type information.
  {
    files: typedFiles,
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A switch over a union or enum with no `default` must handle every member (so adding a
      // member flags each switch that forgot it); a `default` branch is an explicit decision.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },

  // Module boundaries between Nx projects (tags in each project.json). Scoped to src/**: config
  // files at a project's root may import presets from anywhere. Tests of the platform may use the
  // testing library (which itself builds on the platform); production code may not.
  {
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: TEST_FILES,
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })] },
  },
  {
    files: TEST_FILES.map((f) => f.replace(/^\*\*/, '{services,libs}/*/src/**')),
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })] },
  },
);
