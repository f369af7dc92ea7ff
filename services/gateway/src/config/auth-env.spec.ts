import { configProblems, loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { REQUIRED_ENV } from '@baton/testing';
import { oidcEnabled } from '../auth/auth.module.js';
import { GatewayConfig } from './env.js';

const base = REQUIRED_ENV;

/** the problems as one string ('' when the configuration loads) */
const problemsOf = (env: Record<string, string>): string => {
  const problems = configProblems(GatewayConfig, { ...base, ...env });
  return problems.length ? JSON.stringify(problems) : '';
};

describe('GatewayConfig: authentication', () => {
  it('leaves OIDC off by default, with safe defaults for when it is on', () => {
    const c = loadConfig(GatewayConfig, base);
    expect(oidcEnabled(c)).toBe(false);
    expect(c).toMatchObject({
      OIDC_ALGORITHMS: 'RS256,ES256',
      OIDC_CLOCK_TOLERANCE_S: 30,
      OIDC_TENANT_CLAIM: 'tid',
      AUTH_CACHE_TTL_MS: 5000,
    });
  });

  it('turns OIDC on with an issuer and an audience', () => {
    const c = loadConfig(GatewayConfig, {
      ...base,
      OIDC_ISSUER: 'https://idp.example.com',
      OIDC_AUDIENCE: 'baton',
    });
    expect(oidcEnabled(c)).toBe(true);
  });

  it('requires the audience once an issuer is set', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://idp.example.com' })).toContain('OIDC_AUDIENCE');
  });

  it.each(['none', 'HS256', 'RS256,HS512', 'RS256,', 'rs256'])('refuses OIDC_ALGORITHMS=%s', (algs) => {
    expect(problemsOf({ OIDC_ALGORITHMS: algs })).toContain('OIDC_ALGORITHMS');
  });

  it.each(['RS256', 'ES256,PS384,EdDSA'])('accepts OIDC_ALGORITHMS=%s', (algs) => {
    expect(problemsOf({ OIDC_ALGORITHMS: algs })).toBe('');
  });

  it('bounds the clock tolerance and validates the platform admin list', () => {
    expect(problemsOf({ OIDC_CLOCK_TOLERANCE_S: '3600' })).toContain('OIDC_CLOCK_TOLERANCE_S');
    expect(problemsOf({ PLATFORM_ADMIN_SUBJECTS: 'a b' })).toContain('PLATFORM_ADMIN_SUBJECTS');
    expect(problemsOf({ PLATFORM_ADMIN_SUBJECTS: 'alice,auth0|42' })).toBe('');
  });
});
