/** Values for the variables every service requires, for config tests (nothing connects to them). */
export const REQUIRED_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  NATS_URL: 'nats://127.0.0.1:4222',
};
