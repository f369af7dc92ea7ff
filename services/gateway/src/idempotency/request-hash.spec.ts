import { describe, expect, it } from '@jest/globals';
import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, requestHash } from './request-hash.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('drops undefined members like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});

describe('requestHash', () => {
  it('is the same for the same body with keys in another order', () => {
    expect(requestHash('POST', '/api/v1/projects', { name: 'A', code: 'B' })).toBe(
      requestHash('post', '/api/v1/projects', { code: 'B', name: 'A' }),
    );
  });

  it('differs when the body, the path or the method differs', () => {
    const base = requestHash('POST', '/api/v1/projects', { name: 'A' });
    expect(requestHash('POST', '/api/v1/projects', { name: 'B' })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/portfolios', { name: 'A' })).not.toBe(base);
    expect(requestHash('PUT', '/api/v1/projects', { name: 'A' })).not.toBe(base);
  });

  it('tells no body from an empty object', () => {
    expect(requestHash('POST', '/x', undefined)).not.toBe(requestHash('POST', '/x', {}));
  });
});

describe('IDEMPOTENCY_KEY_PATTERN', () => {
  it('accepts uuids and printable tokens, refuses spaces, empty and over-long keys', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('order:42/retry')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('has space')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('k'.repeat(256))).toBe(false);
  });
});
