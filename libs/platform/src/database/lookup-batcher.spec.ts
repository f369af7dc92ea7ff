import { describe, expect, it } from '@jest/globals';
import { LookupBatcher } from './lookup-batcher.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A batcher over a map, recording what it was asked for. */
function recording(rows: Map<string, string>, maxBatch?: number) {
  const calls: { one: string[]; many: string[][] } = { one: [], many: [] };
  const batcher = new LookupBatcher<string, string>(
    async (key) => {
      calls.one.push(key);
      return rows.get(key);
    },
    async (keys) => {
      calls.many.push([...keys]);
      return keys.map((k) => rows.get(k));
    },
    maxBatch,
  );
  return { batcher, calls };
}

describe('LookupBatcher', () => {
  const rows = new Map([
    ['a', 'row a'],
    ['b', 'row b'],
    ['c', 'row c'],
  ]);

  it('fetches the lookups of one turn with one call, each caller getting its own row', async () => {
    const { batcher, calls } = recording(rows);
    const answers = await Promise.all(['c', 'x', 'a', 'b', 'a'].map((k) => batcher.load(k)));
    expect(answers).toEqual(['row c', undefined, 'row a', 'row b', 'row a']);
    expect(calls.many).toEqual([['c', 'x', 'a', 'b', 'a']]);
    expect(calls.one).toEqual([]);
  });

  it('takes a lookup alone in its turn through fetchOne, and starts a new batch each turn', async () => {
    const { batcher, calls } = recording(rows);
    expect(await batcher.load('b')).toBe('row b');
    const first = Promise.all([batcher.load('a'), batcher.load('b')]);
    await nextTurn();
    const second = Promise.all([batcher.load('c'), batcher.load('a')]);
    expect(await first).toEqual(['row a', 'row b']);
    expect(await second).toEqual(['row c', 'row a']);
    expect(calls.one).toEqual(['b']);
    expect(calls.many).toEqual([
      ['a', 'b'],
      ['c', 'a'],
    ]);
  });

  it('sends a full batch at once and the rest at the end of the turn', async () => {
    const { batcher, calls } = recording(rows, 2);
    const answers = await Promise.all(['a', 'b', 'c', 'a', 'b'].map((k) => batcher.load(k)));
    expect(answers).toEqual(['row a', 'row b', 'row c', 'row a', 'row b']);
    expect(calls.many).toEqual([
      ['a', 'b'],
      ['c', 'a'],
    ]);
    expect(calls.one).toEqual(['b']);
  });

  it('with a batch size of 1, sends every lookup alone through fetchOne', async () => {
    const { batcher, calls } = recording(rows, 1);
    expect(await Promise.all(['a', 'b', 'x'].map((k) => batcher.load(k)))).toEqual([
      'row a',
      'row b',
      undefined,
    ]);
    expect(calls.one).toEqual(['a', 'b', 'x']);
    expect(calls.many).toEqual([]);
  });

  it('fails every caller of a batch whose fetch fails, and the next batch still works', async () => {
    let fail = true;
    const batcher = new LookupBatcher<string, string>(
      async (k) => rows.get(k),
      async (keys) => {
        if (fail) throw new Error('connection lost');
        return keys.map((k) => rows.get(k));
      },
    );
    const results = await Promise.allSettled([batcher.load('a'), batcher.load('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('connection lost'));
    fail = false;
    expect(await Promise.all([batcher.load('a'), batcher.load('b')])).toEqual(['row a', 'row b']);
  });

  it('gives nobody a row when the batch answers with the wrong number of entries', async () => {
    const batcher = new LookupBatcher<string, string>(
      async (k) => rows.get(k),
      async (keys) => keys.slice(1).map((k) => rows.get(k)),
    );
    const results = await Promise.allSettled([batcher.load('a'), batcher.load('b'), batcher.load('c')]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(
      new Error('batched lookup answered 2 entries for 3 keys'),
    );
  });

  it('passes a single lookup’s failure to its caller', async () => {
    const batcher = new LookupBatcher<string, string>(
      async () => {
        throw new Error('boom');
      },
      async () => [],
    );
    await expect(batcher.load('a')).rejects.toThrow('boom');
  });

  it('fails every caller when a fetch throws instead of rejecting', async () => {
    const batcher = new LookupBatcher<string, string>(
      () => {
        throw new Error('no pool');
      },
      () => {
        throw new Error('no pool');
      },
      2,
    );
    // a full batch (sent from load) and a batch sent at the end of the turn, then one alone
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((k) => batcher.load(k)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    await expect(batcher.load('f')).rejects.toThrow('no pool');
  });

  it('refuses a batch size below 1', () => {
    expect(
      () =>
        new LookupBatcher(
          async () => undefined,
          async () => [],
          0,
        ),
    ).toThrow(RangeError);
  });
});
