/** A token-bucket policy: `burst` tokens at most, refilled at `perSecond`. */
export interface BucketPolicy {
  name: string;
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  /** ms timestamp of the last refill */
  at: number;
}

export interface Decision {
  allowed: boolean;
  /** per policy, in the order given: tokens left after this request (floored) */
  remaining: number[];
  /** seconds until a denied request could pass (0 when allowed) */
  retryAfterSeconds: number;
}

/**
 * Token buckets in memory, keyed by string. One request takes a token from every bucket it
 * names, or from none of them: a request refused by the principal's bucket does not use up
 * the tenant's. Buckets that have filled up again are swept so memory follows active callers.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  take(keys: readonly string[], policies: readonly BucketPolicy[], now: number): Decision {
    let allowed = true;
    let wait = 0;
    const buckets: Bucket[] = [];
    for (let i = 0; i < keys.length; i++) {
      const policy = policies[i]!;
      let b = this.buckets.get(keys[i]!);
      if (!b) {
        b = { tokens: policy.burst, at: now };
        this.buckets.set(keys[i]!, b);
      } else {
        b.tokens = Math.min(policy.burst, b.tokens + ((now - b.at) / 1000) * policy.perSecond);
        b.at = now;
      }
      if (b.tokens < 1) {
        allowed = false;
        wait = Math.max(wait, (1 - b.tokens) / policy.perSecond);
      }
      buckets.push(b);
    }
    if (allowed) for (const b of buckets) b.tokens -= 1;
    return {
      allowed,
      remaining: buckets.map((b) => Math.max(0, Math.floor(b.tokens))),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(wait)),
    };
  }

  /** drops buckets that are full again (an idle caller costs nothing) */
  sweep(policyOf: (key: string) => BucketPolicy, now: number): number {
    let dropped = 0;
    for (const [key, b] of this.buckets) {
      const p = policyOf(key);
      if (b.tokens + ((now - b.at) / 1000) * p.perSecond >= p.burst) {
        this.buckets.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-09+, structured
 * fields): `RateLimit-Policy: "tenant";q=500;w=5, "principal";q=100;w=5` (q tokens per w
 * seconds: a full bucket and the time it takes to refill), and `RateLimit: "principal";r=42;t=1`
 * for the policy closest to its limit (r tokens remaining, t seconds until it is full again).
 */
export function rateLimitHeaders(
  policies: readonly BucketPolicy[],
  remaining: readonly number[],
): { policy: string; limit: string } {
  const window = (p: BucketPolicy) => Math.max(1, Math.ceil(p.burst / p.perSecond));
  const policy = policies.map((p) => `"${p.name}";q=${p.burst};w=${window(p)}`).join(', ');
  let tightest = 0;
  for (let i = 1; i < policies.length; i++) {
    if (remaining[i]! / policies[i]!.burst < remaining[tightest]! / policies[tightest]!.burst) tightest = i;
  }
  const p = policies[tightest]!;
  const r = remaining[tightest]!;
  const t = Math.ceil((p.burst - r) / p.perSecond);
  return { policy, limit: `"${p.name}";r=${r};t=${t}` };
}
