import { configProblems, loadConfig } from '@baton/platform';
import { describe, expect, it } from '@jest/globals';
import { REQUIRED_ENV } from '@baton/testing';
import { randomBytes } from 'node:crypto';
import { GatewayConfig } from './env.js';

const base = REQUIRED_ENV;
const key = () => randomBytes(32).toString('base64');

const problemsOf = (env: Record<string, string>) => configProblems(GatewayConfig, { ...base, ...env });

describe('GatewayConfig: WEBHOOK_SECRET_KEY and WEBHOOK_SECRET_KEYS_PREVIOUS (rotation)', () => {
  it('takes a current key with a comma-separated list of previous ones (spaces around commas ignored)', () => {
    const [current, a, b] = [key(), key(), key()];
    const c = loadConfig(GatewayConfig, {
      ...base,
      WEBHOOK_SECRET_KEY: current,
      WEBHOOK_SECRET_KEYS_PREVIOUS: `${a}, ${b}`,
    });
    expect(c).toMatchObject({ WEBHOOK_SECRET_KEY: current, WEBHOOK_SECRET_KEYS_PREVIOUS: `${a}, ${b}` });
    expect(problemsOf({ WEBHOOK_SECRET_KEY: current, WEBHOOK_SECRET_KEYS_PREVIOUS: a })).toEqual([]);
    expect(loadConfig(GatewayConfig, base).WEBHOOK_SECRET_KEYS_PREVIOUS).toBeUndefined();
  });

  it.each([
    [
      'is not base64',
      () => `${key()},not base64!`,
      /^WEBHOOK_SECRET_KEYS_PREVIOUS entry 2 must be base64 text decoding to exactly 32 bytes$/,
    ],
    [
      'has the wrong length',
      () => randomBytes(16).toString('base64'),
      /^WEBHOOK_SECRET_KEYS_PREVIOUS entry 1 must be base64 text decoding to exactly 32 bytes$/,
    ],
    ['has an empty entry', () => `${key()},`, /^WEBHOOK_SECRET_KEYS_PREVIOUS entry 2 is empty/],
    [
      'repeats a key',
      () => {
        const k = key();
        return `${k},${key()},${k}`;
      },
      /^WEBHOOK_SECRET_KEYS_PREVIOUS lists the same key twice \(entries 1 and 3\)$/,
    ],
  ])(
    'refuses a list that %s, naming the variable and the entry, without echoing a key',
    (_what, list, message) => {
      const value = list();
      const problems = problemsOf({ WEBHOOK_SECRET_KEY: key(), WEBHOOK_SECRET_KEYS_PREVIOUS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(message);
      for (const k of value.split(',').filter((e) => e.length > 8)) expect(problems[0]).not.toContain(k);
    },
  );

  it('refuses the current key among the previous ones', () => {
    const current = key();
    expect(
      problemsOf({ WEBHOOK_SECRET_KEY: current, WEBHOOK_SECRET_KEYS_PREVIOUS: `${key()},${current}` }),
    ).toEqual(['WEBHOOK_SECRET_KEYS_PREVIOUS entry 2 is WEBHOOK_SECRET_KEY itself: list only earlier keys']);
  });

  it('refuses previous keys without a current key', () => {
    expect(problemsOf({ WEBHOOK_SECRET_KEYS_PREVIOUS: key() })).toEqual([
      'WEBHOOK_SECRET_KEYS_PREVIOUS is set but WEBHOOK_SECRET_KEY is not: previous keys only open values sealed earlier; set the current key too',
    ]);
  });

  it('reports a bad current key under its own name, and still checks the previous ones', () => {
    const problems = problemsOf({
      WEBHOOK_SECRET_KEY: Buffer.alloc(16, 1).toString('base64'),
      WEBHOOK_SECRET_KEYS_PREVIOUS: 'nope',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'WEBHOOK_SECRET_KEY',
      'WEBHOOK_SECRET_KEYS_PREVIOUS',
    ]);
  });
});
