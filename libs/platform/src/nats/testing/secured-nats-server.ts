// Test support: a throw-away nats-server with a config file (authentication, TLS, operator
// mode), plus the credentials it needs: decentralised-auth JWTs signed with NKeys (no `nsc`)
// and a self-signed CA with server and client certificates (openssl CLI).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, createOperator, createUser, type KeyPair } from '@nats-io/nkeys';

export interface SecuredNatsServer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts nats-server (from PATH, as libs/local-infra finds it) with `config` in a temp dir on a
 * random port; resolves when it is ready.
 */
export async function startNatsServer(
  config: string,
  dir = mkdtempSync(join(tmpdir(), 'baton-nats-auth-')),
): Promise<SecuredNatsServer> {
  const file = join(dir, 'server.conf');
  writeFileSync(file, `listen: "127.0.0.1:-1"\n${config}\n`);
  const child: ChildProcess = spawn('nats-server', ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('error', (err) => (log += `\n${err.message}`));
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 15_000;
  while (!/Server is ready/.test(log)) {
    if (child.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
    if (Date.now() > deadline) throw new Error(`nats-server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(/Listening for client connections on [\d.]+:(\d+)/.exec(log)?.[1]);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/** A NATS JWT (v2) for `subject`, signed by `issuer` (ed25519-nkey). */
function signJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims: Record<string, unknown> = {
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject,
    nats,
  };
  claims.jti = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
  const body = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${b64url(issuer.sign(new TextEncoder().encode(body)))}`;
}

const unlimited = { subs: -1, data: -1, payload: -1 };

export interface Decentralised {
  /** nats-server configuration for operator mode with a memory resolver */
  serverConfig: string;
  /** the contents of a .creds file for a user of the account */
  creds(): string;
}

/** An operator, one account and users of it: what `nsc` would create, made with NKeys directly. */
export function decentralisedAuth(): Decentralised {
  const operator = createOperator();
  const account = createAccount();
  const operatorJwt = signJwt(operator, operator.getPublicKey(), 'baton-test-operator', {
    type: 'operator',
    version: 2,
  });
  const accountJwt = signJwt(operator, account.getPublicKey(), 'baton-test-account', {
    limits: { ...unlimited, conn: -1, leaf: -1, imports: -1, exports: -1, wildcards: true },
    default_permissions: { pub: {}, sub: {} },
    type: 'account',
    version: 2,
  });
  return {
    serverConfig: [
      `operator: ${operatorJwt}`,
      'resolver: MEMORY',
      `resolver_preload: { ${account.getPublicKey()}: ${accountJwt} }`,
    ].join('\n'),
    creds() {
      const user = createUser();
      const userJwt = signJwt(account, user.getPublicKey(), 'baton-test-user', {
        pub: {},
        sub: {},
        ...unlimited,
        type: 'user',
        version: 2,
      });
      return credsFile(userJwt, new TextDecoder().decode(user.getSeed()));
    },
  };
}

/** A .creds file for a user signed by an account the server does not know. */
export function strangerCreds(): string {
  const account = createAccount();
  const user = createUser();
  const userJwt = signJwt(account, user.getPublicKey(), 'stranger', {
    pub: {},
    sub: {},
    ...unlimited,
    type: 'user',
    version: 2,
  });
  return credsFile(userJwt, new TextDecoder().decode(user.getSeed()));
}

function credsFile(jwt: string, seed: string): string {
  return [
    '-----BEGIN NATS USER JWT-----',
    jwt,
    '------END NATS USER JWT------',
    '',
    '************************* IMPORTANT *************************',
    'NKEY Seed printed below can be used to sign and prove identity.',
    '',
    '-----BEGIN USER NKEY SEED-----',
    seed,
    '------END USER NKEY SEED------',
    '',
  ].join('\n');
}

export interface Pki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** a CA that signed nothing here */
  otherCa: string;
}

/** A self-signed CA, a server certificate for 127.0.0.1/localhost and a client certificate (files in `dir`). */
export function makePki(dir: string): Pki {
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ca = (name: string) =>
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.pem`),
    );
  ca('ca');
  ca('other-ca');
  const leaf = (name: string, ext: string) => {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
    );
    writeFileSync(f(`${name}.ext`), ext);
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.pem`),
    );
  };
  leaf('server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    clientCert: f('client.pem'),
    clientKey: f('client.key'),
    otherCa: f('other-ca.pem'),
  };
}
