import { describe, expect, it } from '@jest/globals';
import { requestIdFrom } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('reuses a sane incoming id', () => {
    expect(requestIdFrom('abc-123.DEF_4')).toBe('abc-123.DEF_4');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    expect(requestIdFrom('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it.each([undefined, '', 'x'.repeat(129), 'has space', 'semi;colon', 'new\nline', 'ünïcode'])('replaces %j with a uuid', (header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});
