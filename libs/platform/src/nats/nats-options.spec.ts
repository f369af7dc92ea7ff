import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseConfig } from '../config/base-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { describeAuth, natsConnectionOptions, parseNatsUrl } from './nats-options.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-nats-opts-'));
const file = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, 'x');
  return path;
};
const base = { DATABASE_URL: 'postgres://u@db/baton', NATS_URL: 'nats://nats:4222' };
const problems = (env: Record<string, string>): string => {
  try {
    loadConfig(BaseConfig, { ...base, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message.split('\n')).toHaveLength(1);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('NATS settings', () => {
  it('takes user and password (percent-decoded) or a token out of NATS_URL', () => {
    expect(parseNatsUrl('nats://baton:p%40ss@a:4222,nats://b:4222')).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'baton',
      pass: 'p@ss',
      tls: false,
    });
    expect(parseNatsUrl('tls://tok@a:4222')).toEqual({ servers: ['tls://a:4222'], token: 'tok', tls: true });
  });

  it('builds connect options for each method and TLS', () => {
    const up = natsConnectionOptions(loadConfig(BaseConfig, { ...base, NATS_USER: 'u', NATS_PASSWORD: 'p' }));
    expect(up).toMatchObject({ servers: ['nats://nats:4222'], user: 'u', pass: 'p' });
    expect(up.tls).toBeUndefined();
    expect(describeAuth(up)).toBe('user u');
    const creds = natsConnectionOptions(
      loadConfig(BaseConfig, { ...base, NATS_CREDS_FILE: file('a.creds'), NATS_TLS_CA_FILE: file('ca.pem') }),
    );
    expect(typeof creds.authenticator).toBe('function');
    expect(creds.tls).toEqual({ caFile: join(dir, 'ca.pem') });
    expect(describeAuth(natsConnectionOptions(loadConfig(BaseConfig, { ...base, NATS_TOKEN: 't' })))).toBe(
      'token',
    );
    expect(
      natsConnectionOptions(loadConfig(BaseConfig, { ...base, NATS_URL: 'tls://nats:4222' })).tls,
    ).toEqual({});
  });

  it('allows one authentication method at a time', () => {
    expect(problems({ NATS_TOKEN: 'secret-token', NATS_USER: 'u', NATS_PASSWORD: 'secret-pw' })).toMatch(
      /NATS_USER cannot be combined with NATS_TOKEN: choose one NATS authentication method/,
    );
    expect(problems({ NATS_URL: 'nats://u:secret-pw@nats:4222', NATS_CREDS_FILE: file('b.creds') })).toMatch(
      /NATS_CREDS_FILE cannot be combined with credentials in NATS_URL/,
    );
    const msg = problems({ NATS_URL: 'nats://u:secret-pw@nats:4222', NATS_TOKEN: 'secret-token' });
    expect(msg).not.toMatch(/secret/);
  });

  it('needs a password with a user and a key with a client certificate', () => {
    expect(problems({ NATS_USER: 'u' })).toMatch(/NATS_PASSWORD is required/);
    expect(problems({ NATS_PASSWORD: 'p' })).toMatch(/NATS_USER is required/);
    expect(problems({ NATS_TLS_CERT_FILE: file('c.pem') })).toMatch(/NATS_TLS_KEY_FILE is required/);
  });

  it('names a file that cannot be read', () => {
    expect(problems({ NATS_CREDS_FILE: join(dir, 'missing.creds') })).toMatch(
      /NATS_CREDS_FILE must name a readable file/,
    );
    expect(problems({ NATS_TLS_CA_FILE: dir })).toMatch(/NATS_TLS_CA_FILE must name a readable file/);
  });
});
