import { describe, expect, it } from '@jest/globals';
import { hashIdempotencyKey, idempotencyScope, openResponse, sealResponse } from './response-seal.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const content = { headers: { 'content-type': 'application/json' }, body: '{"key":"bat_abc_SECRET"}' };

describe('sealed idempotent responses', () => {
  const scope = idempotencyScope(TENANT, 'alice', 'key-1');

  it('keeps a SHA-256 of the key, never the key', () => {
    expect(scope.keyHash).toBe(hashIdempotencyKey('key-1'));
    expect(scope.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('opens what it sealed, and the sealed bytes show neither the body nor the key', () => {
    const sealed = sealResponse(scope, 'h1', content);
    expect(openResponse(scope, 'h1', sealed)).toEqual(content);
    expect(sealed.toString('latin1')).not.toContain('SECRET');
    expect(sealed.toString('latin1')).not.toContain('key-1');
    expect(sealResponse(scope, 'h1', content).equals(sealed)).toBe(false); // a fresh IV each time
  });

  it('does not open under another key, caller, tenant or request, nor when tampered with', () => {
    const sealed = sealResponse(scope, 'h1', content);
    expect(() => openResponse(idempotencyScope(TENANT, 'alice', 'key-2'), 'h1', sealed)).toThrow();
    expect(() => openResponse(idempotencyScope(TENANT, 'bob', 'key-1'), 'h1', sealed)).toThrow();
    expect(() =>
      openResponse(idempotencyScope('00000000-0000-4000-8000-000000000002', 'alice', 'key-1'), 'h1', sealed),
    ).toThrow();
    expect(() => openResponse(scope, 'h2', sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openResponse(scope, 'h1', tampered)).toThrow();
    expect(() => openResponse(scope, 'h1', Buffer.of(2, ...sealed.subarray(1)))).toThrow(/format/);
  });
});
