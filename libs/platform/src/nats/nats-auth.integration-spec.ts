// NATS authentication and TLS against real nats-servers started here with config files that
// demand them: user/password (full platform start-up and RPC), token, a .creds file
// (operator-mode JWT auth) and mutual TLS. Wrong or missing credentials stop the start-up
// with a clear error that never contains the secret.
import { rpc as defineRpc } from '@baton/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { IsString } from 'class-validator';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { BaseConfig } from '../config/base-config.js';
import { loadConfig } from '../config/load-config.js';
import { PlatformModule } from '../platform.module.js';
import { RpcClient } from '../rpc/rpc-client.js';
import { RpcHandler } from '../rpc/rpc-handler.decorator.js';
import { NatsClient, NatsConnectError } from './nats-client.js';
import {
  decentralisedAuth,
  makePki,
  startNatsServer,
  strangerCreds,
  type Pki,
  type SecuredNatsServer,
} from './testing/secured-nats-server.js';

class EchoRequest {
  @IsString()
  text: string;
}
class EchoResponse {
  text: string;
}
const echo = defineRpc('baton.v1.probe.auth.echo', EchoRequest, EchoResponse);

@Injectable()
class EchoHandlers {
  @RpcHandler(echo)
  echo(req: EchoRequest): Promise<EchoResponse> {
    return Promise.resolve({ text: req.text.toUpperCase() });
  }
}
@Module({ providers: [EchoHandlers] })
class EchoFeature {}

const ctx = { tenantId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', actor: { id: 'probe', roles: [] } };
const quiet = pino({ level: 'silent' });
const PASSWORD = 's3cret-pa55word';
const TOKEN = 't0ken-that-must-not-leak';

/** connects a bare NatsClient with a config loaded from `vars`, as a service would */
async function client(vars: Record<string, string>): Promise<NatsClient> {
  const config = loadConfig(BaseConfig, { DATABASE_URL: 'postgres://unused@127.0.0.1/x', ...vars });
  return NatsClient.connect({
    settings: config,
    name: 'auth-probe',
    prefix: 'authprobe.',
    logger: quiet,
    connectTimeoutMs: 3000,
  });
}

/** a request/reply round trip over the client's connection (what RpcServer/RpcClient do) */
async function roundTrip(nats: NatsClient): Promise<string> {
  const sub = nats.connection.subscribe(nats.subject('ping'), {
    callback: (_e, m) => void m.respond(`pong:${m.string()}`),
  });
  try {
    const reply = await nats.connection.request(nats.subject('ping'), 'hi', { timeout: 2000 });
    return reply.string();
  } finally {
    sub.unsubscribe();
  }
}

async function refusal(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!err) throw new Error('expected the connection to be refused');
  return err;
}

describe('NATS with user and password', () => {
  let env: TestEnvironment;
  let nats: SecuredNatsServer;
  const started: INestApplicationContext[] = [];

  const boot = async (vars: Record<string, string>, extra: object[] = []) => {
    const app = await startService({
      module: class {} as never,
      imports: [
        PlatformModule.forService({
          service: 'probe',
          config: loadConfig(BaseConfig, env.env({ NATS_URL: nats.url, ...vars })),
        }),
        ...(extra as never[]),
      ],
    });
    started.push(app);
    return app;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    nats = await startNatsServer(
      `jetstream { store_dir: "${join('STORE')}" }\nauthorization { users = [ { user: baton, password: "${PASSWORD}" } ] }`.replace(
        'STORE',
        `${process.env.TMPDIR ?? '/tmp'}/baton-nats-auth-js-${process.pid}`,
      ),
    );
  });

  afterAll(async () => {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    await nats?.stop();
    await env?.dispose();
  });

  it('starts services with NATS_USER/NATS_PASSWORD and carries RPCs between them', async () => {
    await boot({ NATS_USER: 'baton', NATS_PASSWORD: PASSWORD }, [EchoFeature]);
    const caller = await boot({
      NATS_URL: `nats://baton:${encodeURIComponent(PASSWORD)}@127.0.0.1:${nats.port}`,
    });
    await expect(caller.get(RpcClient).send(echo, { text: 'through auth' }, ctx)).resolves.toEqual({
      text: 'THROUGH AUTH',
    });
  });

  // The refusals below use NatsClient.connect with a loaded config, exactly what the platform's
  // start-up does first; a whole failed Nest boot would leave its database pool behind here.
  it('fails start-up on a wrong password, naming the variables and not the secret', async () => {
    const err = await refusal(
      client({ NATS_URL: nats.url, NATS_USER: 'baton', NATS_PASSWORD: 'wrong-guess' }),
    );
    expect(err).toBeInstanceOf(NatsConnectError);
    expect(err.message).toMatch(/refused the credentials/);
    expect(err.message).toMatch(/NATS_USER\/NATS_PASSWORD/);
    expect(err.message).not.toContain('wrong-guess');
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('fails start-up without credentials', async () => {
    const err = await refusal(client({ NATS_URL: nats.url }));
    expect(err.message).toMatch(/\(auth: none\) refused the credentials/);
  });

  it('fails start-up on wrong credentials in NATS_URL without echoing them', async () => {
    const err = await refusal(client({ NATS_URL: `nats://baton:nope-nope@127.0.0.1:${nats.port}` }));
    expect(err.message).toMatch(/refused the credentials/);
    expect(err.message).not.toContain('nope-nope');
  });
});

describe('NATS with a token', () => {
  let nats: SecuredNatsServer;
  beforeAll(async () => {
    nats = await startNatsServer(`authorization { token: "${TOKEN}" }`);
  });
  afterAll(() => nats?.stop());

  it('connects with NATS_TOKEN and answers requests', async () => {
    const c = await client({ NATS_URL: nats.url, NATS_TOKEN: TOKEN });
    await expect(roundTrip(c)).resolves.toBe('pong:hi');
    await c.drain();
  });

  it('connects with the token in NATS_URL', async () => {
    const c = await client({ NATS_URL: `nats://${TOKEN}@127.0.0.1:${nats.port}` });
    await expect(roundTrip(c)).resolves.toBe('pong:hi');
    await c.drain();
  });

  it('refuses a wrong token without echoing it', async () => {
    const err = await refusal(client({ NATS_URL: nats.url, NATS_TOKEN: 'not-the-token' }));
    expect(err.message).toMatch(/\(auth: token\) refused the credentials/);
    expect(err.message).not.toContain('not-the-token');
  });
});

describe('NATS with a .creds file (decentralised JWT auth)', () => {
  let nats: SecuredNatsServer;
  let auth: ReturnType<typeof decentralisedAuth>;
  beforeAll(async () => {
    auth = decentralisedAuth();
    nats = await startNatsServer(auth.serverConfig);
  });
  afterAll(() => nats?.stop());

  it('connects with NATS_CREDS_FILE and answers requests', async () => {
    const file = join(nats.dir, 'user.creds');
    writeFileSync(file, auth.creds(), { mode: 0o600 });
    const c = await client({ NATS_URL: nats.url, NATS_CREDS_FILE: file });
    await expect(roundTrip(c)).resolves.toBe('pong:hi');
    await c.drain();
  });

  it('refuses a user of an account the server does not trust', async () => {
    const file = join(nats.dir, 'stranger.creds');
    writeFileSync(file, strangerCreds(), { mode: 0o600 });
    const err = await refusal(client({ NATS_URL: nats.url, NATS_CREDS_FILE: file }));
    expect(err.message).toMatch(/\(auth: creds file\) refused the credentials.*NATS_CREDS_FILE/);
  });

  it('refuses a connection without credentials', async () => {
    const err = await refusal(client({ NATS_URL: nats.url }));
    expect(err).toBeInstanceOf(NatsConnectError);
  });
});

describe('NATS with mutual TLS', () => {
  let nats: SecuredNatsServer;
  let pki: Pki;
  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'baton-nats-tls-'));
    pki = makePki(dir);
    nats = await startNatsServer(
      `tls { cert_file: "${pki.serverCert}", key_file: "${pki.serverKey}", ca_file: "${pki.ca}", verify: true, timeout: 2 }`,
      dir,
    );
  });
  afterAll(() => nats?.stop());

  it('connects with NATS_TLS_CA_FILE and a client certificate', async () => {
    const c = await client({
      NATS_URL: `tls://127.0.0.1:${nats.port}`,
      NATS_TLS_CA_FILE: pki.ca,
      NATS_TLS_CERT_FILE: pki.clientCert,
      NATS_TLS_KEY_FILE: pki.clientKey,
    });
    await expect(roundTrip(c)).resolves.toBe('pong:hi');
    await c.drain();
  });

  it('fails when the server certificate is not signed by NATS_TLS_CA_FILE', async () => {
    const err = await refusal(
      client({
        NATS_URL: nats.url,
        NATS_TLS_CA_FILE: pki.otherCa,
        NATS_TLS_CERT_FILE: pki.clientCert,
        NATS_TLS_KEY_FILE: pki.clientKey,
      }),
    );
    expect(err.message).toMatch(/TLS failed.*NATS_TLS_CA_FILE/);
  });

  it('fails without a client certificate when the server demands one', async () => {
    const err = await refusal(client({ NATS_URL: nats.url, NATS_TLS_CA_FILE: pki.ca }));
    expect(err).toBeInstanceOf(NatsConnectError);
    expect(err.message).toMatch(/NATS at nats:\/\/127\.0\.0\.1:\d+ \(auth: none\)/);
  });
});
