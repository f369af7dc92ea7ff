// Stops what jest-global-setup.ts started; servers named by DATABASE_URL / NATS_URL are left alone.
// Self-contained on purpose: Jest require()s this file, so it cannot import its .ts siblings.
const INFRA_KEY = '__batonTestInfra'; // same key as in jest-global-setup.ts

export default async function globalTeardown(): Promise<void> {
  const store = globalThis as Record<string, unknown>;
  const infra = store[INFRA_KEY] as { stop(): Promise<void> } | undefined;
  delete store[INFRA_KEY];
  await infra?.stop();
}
