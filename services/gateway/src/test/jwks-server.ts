// A real OIDC-style key server for tests: node:http serving a JWKS document that the test can
// rotate, counting fetches, plus helpers to sign tokens with its keys.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function newSigningKey(kid: string, alg = 'RS256'): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface JwksServer {
  url: string;
  /** what the server publishes now */
  publish(keys: TestSigningKey[]): void;
  fetches(): number;
  /** answer 503 instead of the keys (the issuer is down) */
  failing(on: boolean): void;
  close(): Promise<void>;
}

export async function startJwksServer(initial: TestSigningKey[]): Promise<JwksServer> {
  let keys = initial;
  let fetches = 0;
  let failing = false;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches++;
    if (failing) {
      res.writeHead(503).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    publish: (next) => {
      keys = next;
    },
    fetches: () => fetches,
    failing: (on) => {
      failing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface OidcTokenOptions {
  sub?: string;
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  /** seconds from now; negative: already expired */
  expiresIn?: number;
}

export function signOidcToken(
  key: TestSigningKey,
  issuer: string,
  audience: string,
  o: OidcTokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(o.claims ?? {})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(o.issuer ?? issuer)
    .setAudience(o.audience ?? audience)
    .setSubject(o.sub ?? 'oidc-user')
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (o.expiresIn ?? 600))
    .sign(key.privateKey);
}
