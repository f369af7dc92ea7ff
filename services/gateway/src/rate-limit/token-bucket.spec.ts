import { describe, expect, it } from '@jest/globals';
import { rateLimitHeaders, TokenBuckets, type BucketPolicy } from './token-bucket.js';

const principal: BucketPolicy = { name: 'principal', perSecond: 2, burst: 3 };
const tenant: BucketPolicy = { name: 'tenant', perSecond: 10, burst: 5 };

describe('TokenBuckets', () => {
  it('allows a burst, refuses the next request, and says when to retry', () => {
    const b = new TokenBuckets();
    for (let i = 0; i < 3; i++) expect(b.take(['p'], [principal], 0).allowed).toBe(true);
    const refused = b.take(['p'], [principal], 0);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1); // half a second for one token at 2/s, rounded up
  });

  it('refills at the policy rate', () => {
    const b = new TokenBuckets();
    for (let i = 0; i < 3; i++) b.take(['p'], [principal], 0);
    expect(b.take(['p'], [principal], 400).allowed).toBe(false); // 0.8 token
    expect(b.take(['p'], [principal], 500).allowed).toBe(true); // 1 token
    expect(b.take(['p'], [principal], 10_000).remaining).toEqual([2]); // capped at the burst
  });

  it('takes from every bucket or none: a refused principal does not drain the tenant', () => {
    const b = new TokenBuckets();
    for (let i = 0; i < 3; i++) b.take(['p1', 't'], [principal, tenant], 0);
    expect(b.take(['p1', 't'], [principal, tenant], 0).allowed).toBe(false);
    const other = b.take(['p2', 't'], [principal, tenant], 0);
    expect(other.allowed).toBe(true);
    expect(other.remaining).toEqual([2, 1]);
    expect(b.take(['p3', 't'], [principal, tenant], 0).allowed).toBe(true);
    expect(b.take(['p4', 't'], [principal, tenant], 0).allowed).toBe(false); // the tenant is empty now
  });

  it('sweeps buckets that are full again', () => {
    const b = new TokenBuckets();
    b.take(['p'], [principal], 0);
    expect(b.sweep(() => principal, 100)).toBe(0);
    expect(b.sweep(() => principal, 1000)).toBe(1);
    expect(b.size).toBe(0);
  });
});

describe('rateLimitHeaders', () => {
  it('lists every policy and reports the one closest to its limit', () => {
    const h = rateLimitHeaders([tenant, principal], [4, 1]);
    expect(h.policy).toBe('"tenant";q=5;w=1, "principal";q=3;w=2');
    expect(h.limit).toBe('"principal";r=1;t=1');
  });
});
