export * from './test-environment.js';
export * from './wait-for.js';
export * from './start-service.js';
export * from './schema-drift.js';
export * from './required-env.js';
