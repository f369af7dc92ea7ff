import { ConfigError, configProblems, loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { REQUIRED_ENV } from '@baton/testing';
import { randomBytes } from 'node:crypto';
import { GatewayConfig, isDevSigningKey } from './env.js';

const base = REQUIRED_ENV;
const key32 = randomBytes(32).toString('base64url');

const problemsOf = (env: Record<string, string>) => configProblems(GatewayConfig, { ...base, ...env });

describe('GatewayConfig', () => {
  it('has safe defaults: port 3000 on all interfaces, dev mode off, 1 MiB bodies', () => {
    const c = loadConfig(GatewayConfig, base);
    expect(c).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', AUTH_DEV_MODE: false, BODY_LIMIT_BYTES: 1024 * 1024 });
    expect(c.AUTH_DEV_SIGNING_KEY).toBeUndefined();
  });

  it('coerces PORT, BODY_LIMIT_BYTES and AUTH_DEV_MODE', () => {
    const c = loadConfig(GatewayConfig, { ...base, PORT: '0', BODY_LIMIT_BYTES: '4096', AUTH_DEV_MODE: 'true', AUTH_DEV_SIGNING_KEY: key32 });
    expect(c).toMatchObject({ PORT: 0, BODY_LIMIT_BYTES: 4096, AUTH_DEV_MODE: true, AUTH_DEV_SIGNING_KEY: key32 });
  });

  it('refuses AUTH_DEV_MODE=true without a key, naming AUTH_DEV_SIGNING_KEY', () => {
    expect(() => loadConfig(GatewayConfig, { ...base, AUTH_DEV_MODE: 'true' })).toThrow(ConfigError);
    expect(problemsOf({ AUTH_DEV_MODE: 'true' })).toEqual(['AUTH_DEV_SIGNING_KEY is required']);
  });

  it('refuses a key shorter than 32 bytes without echoing it', () => {
    const short = randomBytes(16).toString('base64url');
    const problems = problemsOf({ AUTH_DEV_MODE: 'true', AUTH_DEV_SIGNING_KEY: short });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_DEV_SIGNING_KEY must be base64url text decoding to at least 32 bytes/);
    expect(problems[0]).not.toContain(short);
  });

  it('checks a key that is set even when dev mode is off', () => {
    expect(problemsOf({ AUTH_DEV_SIGNING_KEY: 'not base64url!' })[0]).toMatch(/^AUTH_DEV_SIGNING_KEY/);
  });

  it('refuses a bad AUTH_DEV_MODE, PORT and BODY_LIMIT_BYTES', () => {
    const problems = problemsOf({ AUTH_DEV_MODE: 'perhaps', PORT: '70000', BODY_LIMIT_BYTES: '10' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['AUTH_DEV_MODE', 'BODY_LIMIT_BYTES', 'PORT']);
  });

  it('accepts base64url keys of 32 bytes or more only', () => {
    expect(isDevSigningKey(key32)).toBe(true);
    expect(isDevSigningKey(randomBytes(64).toString('base64url'))).toBe(true);
    expect(isDevSigningKey(randomBytes(31).toString('base64url'))).toBe(false);
    expect(isDevSigningKey(`${key32}/+`)).toBe(false);
    expect(isDevSigningKey(undefined)).toBe(false);
  });
});
