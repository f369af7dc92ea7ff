// One Jest run over every project: pure unit specs (*.spec.ts), service integration specs
// against real Postgres and NATS (*.integration-spec.ts) and end-to-end specs through the
// gateway (*.e2e-spec.ts). ESM mode (NestJS 12 is ESM-only), transformed by SWC with decorator
// metadata so that validation and DI behave exactly as in the built services.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@baton/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@baton/contracts/auth$': '<rootDir>/libs/contracts/src/auth.ts',
    '^@baton/platform/dev-token$': '<rootDir>/libs/platform/src/auth/dev-token.ts',
    '^@baton/platform$': '<rootDir>/libs/platform/src/index.ts',
    '^@baton/platform/service-main$': '<rootDir>/libs/platform/src/bootstrap/service-main.ts',
    '^@baton/platform/telemetry$': '<rootDir>/libs/platform/src/telemetry/init-telemetry.ts',
    '^@baton/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@baton/scheduling$': '<rootDir>/libs/scheduling/src/index.ts',
    '^@baton/local-infra$': '<rootDir>/libs/local-infra/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{services,libs,tools}/**/*.{spec,integration-spec,e2e-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
  // Two cores here; integration suites each boot Nest apps, so cap the workers.
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  testTimeout: 30000,
};
