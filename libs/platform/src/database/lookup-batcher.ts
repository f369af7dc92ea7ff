/**
 * Coalesces the single-row lookups made in one event-loop turn into one batched call, the way
 * DataLoader and Prisma's `findUnique` batching do.
 *
 * A service under load handles many requests per turn: NATS hands over every message one socket
 * read brought in, and each handler runs up to its first query before the turn ends. Each
 * `load(key)` joins the turn's batch; when the turn's callbacks are done (`setImmediate`), the
 * batch is fetched with one call and every caller gets its own row. One lookup alone in its turn
 * goes through `fetchOne`, so a quiet service pays nothing for the batching.
 *
 * `fetchMany` answers with one entry per key, in the keys' order (undefined = no such row). If it
 * fails, or answers with the wrong number of entries, every caller in the batch gets the error:
 * nobody gets somebody else's row. Keys are not deduplicated: equal keys in one batch are fetched
 * as often as they were asked for, so the results line up with the keys by position alone.
 */
export class LookupBatcher<K, V> {
  private batch: Pending<K, V>[] = [];

  constructor(
    private readonly fetchOne: (key: K) => Promise<V | undefined>,
    private readonly fetchMany: (keys: readonly K[]) => Promise<readonly (V | undefined)[]>,
    /** a batch this large is sent at once rather than at the end of the turn */
    private readonly maxBatch = 256,
  ) {
    if (!(Number.isInteger(maxBatch) && maxBatch >= 1))
      throw new RangeError('maxBatch must be an integer ≥ 1');
  }

  load(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      if (this.batch.length === 0) setImmediate(this.flush);
      this.batch.push({ key, resolve, reject });
      if (this.batch.length >= this.maxBatch) this.flush();
    });
  }

  private readonly flush = (): void => {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    if (batch.length === 1) {
      const [only] = batch;
      attempt(() => this.fetchOne(only.key)).then(only.resolve, only.reject);
      return;
    }
    attempt(() => this.fetchMany(batch.map((p) => p.key))).then(
      (values) => {
        if (values.length !== batch.length) {
          const err = new Error(`batched lookup answered ${values.length} entries for ${batch.length} keys`);
          for (const p of batch) p.reject(err);
          return;
        }
        for (let i = 0; i < batch.length; i++) batch[i].resolve(values[i]);
      },
      (err: unknown) => {
        for (const p of batch) p.reject(err);
      },
    );
  };
}

/** `fetch()`, with a synchronous throw turned into a rejection (so that every caller hears of it) */
function attempt<T>(fetch: () => Promise<T>): Promise<T> {
  try {
    return fetch();
  } catch (err) {
    return Promise.reject(err);
  }
}

interface Pending<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (reason: unknown) => void;
}
