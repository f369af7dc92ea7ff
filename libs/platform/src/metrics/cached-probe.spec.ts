import { describe, expect, it } from '@jest/globals';
import { CachedProbe, ProbeTimeoutError } from './cached-probe.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('CachedProbe (scrape-time readings that need I/O)', () => {
  it('reads once for callers within the cache window, again after it', async () => {
    let now = 0;
    let reads = 0;
    const probe = new CachedProbe(async () => ++reads, { cacheMs: 1000, now: () => now });
    expect(await probe.get()).toBe(1);
    now = 999;
    expect(await probe.get()).toBe(1);
    now = 1000;
    expect(await probe.get()).toBe(2);
  });

  it('shares one reading in progress between concurrent callers', async () => {
    let reads = 0;
    const d = deferred<number>();
    const probe = new CachedProbe(() => (reads++, d.promise));
    const both = Promise.all([probe.get(), probe.get()]);
    d.resolve(7);
    expect(await both).toEqual([7, 7]);
    expect(reads).toBe(1);
  });

  it('gives up on a slow reading after the timeout, without starting a second one meanwhile', async () => {
    let reads = 0;
    const errors: unknown[] = [];
    const d = deferred<number>();
    const probe = new CachedProbe(() => (reads++, d.promise), {
      timeoutMs: 20,
      onError: (e) => errors.push(e),
    });
    const started = Date.now();
    expect(await probe.get()).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await probe.get()).toBeUndefined();
    expect(reads).toBe(1);
    expect(errors).toHaveLength(1); // one reading timed out, however many waited for it
    expect(errors[0]).toBeInstanceOf(ProbeTimeoutError);
    d.resolve(5); // the slow reading lands: the next scrape serves it
    await d.promise;
    await new Promise((r) => setImmediate(r));
    expect(await probe.get()).toBe(5);
  });

  it('serves the last good value while it is not too stale, and nothing after', async () => {
    let now = 0;
    let fail = false;
    const errors: unknown[] = [];
    const probe = new CachedProbe(async () => (fail ? Promise.reject(new Error('db down')) : 3), {
      cacheMs: 10,
      staleMs: 100,
      now: () => now,
      onError: (e) => errors.push(e),
    });
    expect(await probe.get()).toBe(3);
    fail = true;
    now = 50;
    expect(await probe.get()).toBe(3);
    now = 150;
    expect(await probe.get()).toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});
