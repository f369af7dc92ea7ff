// Development bearer tokens for the gateway's dev mode (AUTH_DEV_MODE=true): HS256 JWTs signed
// with the local key, in the shape libs/contracts/src/auth.ts declares.
//
//   npm run token -- --tenant <uuid> --roles pmo-admin,viewer --sub alice [--name "Alice"]
//
// prints one token. The key comes from AUTH_DEV_SIGNING_KEY or .data/dev-signing-key (written by
// `npm start`). Only the dependency-free parts of contracts and platform are imported, so it starts fast.
import { devSigningKeyBytes, signDevToken } from '@baton/platform/dev-token';
import { isUUID } from 'class-validator';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DemoTenants, Roles, type Role } from '@baton/contracts/auth';
import { readSigningKey } from './signing-key.js';

export interface DevTokenInput {
  /** AUTH_DEV_SIGNING_KEY: base64url of the HMAC secret. */
  key: string;
  tenantId: string;
  roles: readonly string[];
  sub: string;
  name?: string;
  ttlSeconds?: number;
}

/** The launcher's and the script's token: the key as base64url text, signed by the platform's signer. */
export async function mintDevToken({ key, ...claims }: DevTokenInput): Promise<string> {
  return (await signDevToken(devSigningKeyBytes(key), claims)).token;
}

/** Parses the script's arguments into a token request (without the key). */
export function parseTokenArgs(argv: string[]): Omit<DevTokenInput, 'key'> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: 'string', default: DemoTenants.demo.id },
      roles: { type: 'string', default: 'pmo-admin' },
      sub: { type: 'string', default: 'dev-user' },
      name: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (!isUUID(values.tenant)) throw new Error(`--tenant must be a uuid, got "${values.tenant}"`);
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !Roles.includes(r as Role));
  if (unknown.length)
    throw new Error(`unknown role(s) ${unknown.join(', ')}; roles are: ${Roles.join(', ')}`);
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) {
    throw new Error(`--ttl is a number of seconds, got "${values.ttl}"`);
  }
  return { tenantId: values.tenant, roles, sub: values.sub, name: values.name, ttlSeconds };
}

const USAGE = `Usage: npm run token -- [--tenant <uuid>] [--roles pmo-admin,viewer] [--sub alice] [--name "Alice"] [--ttl seconds]

Prints a development bearer token for the gateway in dev mode (npm start). Defaults: the demo
tenant (${DemoTenants.demo.id}), role pmo-admin, 12 hours. Roles: ${Roles.join(', ')}.`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) return console.log(USAGE);
  const request = parseTokenArgs(process.argv.slice(2));
  const key = await readSigningKey();
  if (!key) {
    throw new Error(
      'no dev signing key: run `npm start` once (it writes .data/dev-signing-key) or set AUTH_DEV_SIGNING_KEY',
    );
  }
  console.log(await mintDevToken({ key, ...request }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`token: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
