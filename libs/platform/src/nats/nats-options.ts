import { readFileSync } from 'node:fs';
import { credsAuthenticator, type ConnectionOptions, type TlsOptions } from '@nats-io/nats-core';
import type { BaseConfig } from '../config/base-config.js';

/** The NATS settings of a BaseConfig (only these are read). */
export type NatsSettings = Pick<
  BaseConfig,
  | 'NATS_URL'
  | 'NATS_USER'
  | 'NATS_PASSWORD'
  | 'NATS_TOKEN'
  | 'NATS_CREDS_FILE'
  | 'NATS_TLS_CA_FILE'
  | 'NATS_TLS_CERT_FILE'
  | 'NATS_TLS_KEY_FILE'
>;

export interface ParsedServers {
  /** server URLs with any `user:pass@` removed: safe to log */
  servers: string[];
  user?: string;
  pass?: string;
  token?: string;
  /** a server named with tls:// */
  tls: boolean;
}

/**
 * Splits NATS_URL into server URLs and the credentials embedded in them (`nats://user:pass@host`,
 * `nats://token@host`); the NATS client ignores URL credentials, so they are passed separately.
 */
export function parseNatsUrl(url: string): ParsedServers {
  const out: ParsedServers = { servers: [], tls: false };
  for (const raw of url.split(',').map((s) => s.trim())) {
    const m = /^([a-z]+:\/\/)(?:([^@/]*)@)?(.*)$/i.exec(raw);
    if (!m) {
      out.servers.push(raw);
      continue;
    }
    const [, scheme, userinfo, rest] = m;
    if (scheme.toLowerCase() === 'tls://') out.tls = true;
    out.servers.push(`${scheme}${rest}`);
    if (userinfo === undefined || out.user !== undefined || out.token !== undefined) continue;
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      out.user = decodeURIComponent(userinfo.slice(0, colon));
      out.pass = decodeURIComponent(userinfo.slice(colon + 1));
    } else if (userinfo !== '') {
      out.token = decodeURIComponent(userinfo);
    }
  }
  return out;
}

/**
 * The `connect()` options for a config: servers, one authentication method (user/password from
 * NATS_USER/NATS_PASSWORD or the URL, a token, or a .creds file) and TLS (CA, client cert/key).
 * loadConfig has already checked that at most one method is set and that the files are readable.
 */
export function natsConnectionOptions(settings: NatsSettings): ConnectionOptions & { servers: string[] } {
  const parsed = parseNatsUrl(settings.NATS_URL);
  // noAsyncTraces: nats.js otherwise captures a stack up front for every request it makes and
  // every flush, only to decorate a timeout. RPC no longer goes through its request() (RequestMux),
  // but JetStream publishes (the outbox relay) still do, and our errors name the subject anyway.
  const opts: ConnectionOptions & { servers: string[] } = { servers: parsed.servers, noAsyncTraces: true };
  if (settings.NATS_USER !== undefined) {
    opts.user = settings.NATS_USER;
    opts.pass = settings.NATS_PASSWORD;
  } else if (parsed.user !== undefined) {
    opts.user = parsed.user;
    opts.pass = parsed.pass;
  }
  const token = settings.NATS_TOKEN ?? parsed.token;
  if (token !== undefined) opts.token = token;
  if (settings.NATS_CREDS_FILE !== undefined) {
    const file = settings.NATS_CREDS_FILE;
    // read on every (re)connect, so a rotated Secret is picked up without a restart
    opts.authenticator = credsAuthenticator(() => readFileSync(file));
  }
  const tls: TlsOptions = {};
  if (settings.NATS_TLS_CA_FILE !== undefined) tls.caFile = settings.NATS_TLS_CA_FILE;
  if (settings.NATS_TLS_CERT_FILE !== undefined) tls.certFile = settings.NATS_TLS_CERT_FILE;
  if (settings.NATS_TLS_KEY_FILE !== undefined) tls.keyFile = settings.NATS_TLS_KEY_FILE;
  if (parsed.tls || Object.keys(tls).length > 0) opts.tls = tls;
  return opts;
}

/** Which authentication the options use, for logs (never the secret itself). */
export function describeAuth(opts: ConnectionOptions): string {
  if (opts.authenticator) return 'creds file';
  if (opts.token !== undefined) return 'token';
  if (opts.user !== undefined) return `user ${opts.user}`;
  return 'none';
}
