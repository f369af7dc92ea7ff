// The seven Baton processes and the environment each one is started with.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@baton/local-infra';
import type { ServiceSpec } from './supervisor.js';
import { SERVICE_NODE_FLAGS } from './node-flags.js';

export const SERVICES = [
  'gateway',
  'planning',
  'resources',
  'budget',
  'risk',
  'quality',
  'reporting',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface PlatformEnv {
  root: string;
  databaseUrl: string;
  natsUrl: string;
  signingKey: string;
  host: string;
  port: number;
}

/** Built entry point of a service (tools/build.mjs keeps the source layout under dist/). */
export const entryPoint = (root: string, name: string) =>
  join(root, 'dist', 'services', name, 'src', 'main.js');

/** Services whose built main.js is missing (service not written yet, or the build failed). */
export async function missingEntryPoints(root: string): Promise<string[]> {
  const missing: string[] = [];
  for (const name of SERVICES) {
    if (
      !(await access(entryPoint(root, name)).then(
        () => true,
        () => false,
      ))
    )
      missing.push(name);
  }
  return missing;
}

export async function serviceSpecs(platform: PlatformEnv): Promise<ServiceSpec[]> {
  const specs: ServiceSpec[] = [];
  const taken = new Set([platform.port]);
  for (const name of SERVICES) {
    specs.push({
      name,
      // The launcher's own node: under `npm start` that is the node@22 dev dependency.
      command: process.execPath,
      args: [...SERVICE_NODE_FLAGS, '--enable-source-maps', entryPoint(platform.root, name)],
      cwd: platform.root,
      env: await serviceEnv(name, platform, taken),
    });
  }
  return specs;
}

async function serviceEnv(name: ServiceName, p: PlatformEnv, taken: Set<number>): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: p.databaseUrl,
    NATS_URL: p.natsUrl,
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  };
  // the management port: /healthz, /readyz and /metrics (for the gateway too: never its public port)
  const management = { HEALTH_PORT: String(await distinctFreePort(taken)), HEALTH_HOST: p.host };
  if (name === 'gateway') {
    return {
      ...env,
      ...management,
      PORT: String(p.port),
      HOST: p.host,
      AUTH_DEV_MODE: 'true',
      AUTH_DEV_SIGNING_KEY: p.signingKey,
    };
  }
  // PORT is the gateway's; a service that honoured an inherited PORT would collide with it.
  delete env.PORT;
  return { ...env, ...management };
}

/** Each service's Prometheus endpoint on its management port. */
export function metricsUrls(
  specs: ServiceSpec[],
  connectHost: string,
): Array<{ service: string; url: string }> {
  return specs
    .filter((s) => s.env.HEALTH_PORT)
    .map((s) => ({ service: s.name, url: `http://${connectHost}:${s.env.HEALTH_PORT}/metrics` }));
}

/** The OS may hand out the same free port twice in a row; health ports must all differ. */
async function distinctFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}
