/**
 * A reading that costs I/O (a SQL count, a JetStream consumer info), taken when Prometheus
 * scrapes, never on a timer. Readings are cached for `cacheMs` so that several scrapers (or two
 * gauges fed by one reading) cost one query; a reading that takes longer than `timeoutMs` is
 * abandoned for this scrape (the previous value is served while it is younger than `staleMs`),
 * and a reading still running is never started twice. A scrape therefore never waits long and
 * never piles queries onto a struggling database.
 */
export interface CachedProbeOptions {
  timeoutMs?: number;
  cacheMs?: number;
  staleMs?: number;
  /** called once per failed or timed-out reading (however many callers were waiting for it) */
  onError?: (err: unknown) => void;
  now?: () => number;
}

export class ProbeTimeoutError extends Error {
  constructor(ms: number) {
    super(`probe did not answer within ${ms} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

export class CachedProbe<T> {
  private value?: { at: number; value: T };
  private running?: Promise<T>;
  /** the reading whose failure was last reported (each failed reading is reported once) */
  private reported?: Promise<T>;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly opts: CachedProbeOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 1000;
    this.cacheMs = opts.cacheMs ?? 2000;
    this.staleMs = opts.staleMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  /** the current reading, or undefined when there is none fresh enough to report */
  async get(): Promise<T | undefined> {
    if (this.value && this.now() - this.value.at < this.cacheMs) return this.value.value;
    this.running ??= this.read()
      .then((value) => {
        this.value = { at: this.now(), value };
        return value;
      })
      .finally(() => {
        this.running = undefined;
      });
    const running = this.running;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ProbeTimeoutError(this.timeoutMs)), this.timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (err) {
      if (this.reported !== running) {
        this.reported = running;
        this.opts.onError?.(err);
      }
      return this.value && this.now() - this.value.at < this.staleMs ? this.value.value : undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
