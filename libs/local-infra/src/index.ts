// Local infrastructure for `npm start` and the test suites: Postgres and NATS, either the ones
// DATABASE_URL / NATS_URL point at, or started on this machine (embedded Postgres, nats-server).
export { freePort, isPortFree } from './free-port.js';
export { ensurePostgres, type PostgresOptions, type RunningPostgres } from './postgres.js';
export { createTestDatabase, databaseOf, dropDatabase, ensureDatabase, withDatabase } from './databases.js';
export { ensureNats, type NatsOptions, type RunningNats } from './nats.js';
export { NATS_INSTALL_HINT, findNatsServer } from './nats-binary.js';
export { isAlive, isProcessNamed, stopChild, stopPid, type LogFn } from './process-utils.js';
