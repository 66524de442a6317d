// mapLimit(): bounded parallelism in input order, and an abort that stops new calls.
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/concurrency.js';

describe('mapLimit', () => {
  it('keeps the input order and never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Finish in another order than started.
      for (let i = 0; i < n; i += 1) await Promise.resolve();
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('starts no call after the signal aborts, and rejects with its reason', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const run = mapLimit(
      [1, 2, 3, 4, 5, 6],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) stop.abort(new Error('bundle refused'));
        await Promise.resolve();
        return n;
      },
      stop.signal,
    );
    await expect(run).rejects.toThrow('bundle refused');
    expect(started).toEqual([1, 2]);
  });

  it('handles no items and fewer items than the limit', async () => {
    expect(await mapLimit([], 8, async (n: number) => n)).toEqual([]);
    expect(await mapLimit([1], 8, async (n) => n + 1)).toEqual([2]);
  });
});
