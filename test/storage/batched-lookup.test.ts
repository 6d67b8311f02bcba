import { describe, expect, it } from 'vitest';
import { batchedLookup } from '../../src/storage/batched-lookup.ts';

describe('batchedLookup', () => {
  it('answers the lookups of one turn of the event loop with one call, each with its own row', async () => {
    const calls: string[][] = [];
    const lookup = batchedLookup(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, `row ${k}`]));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'missing', 'c'].map((k) => lookup(k)));
    expect(answers).toEqual(['row a', 'row b', 'row a', undefined, 'row c']);
    expect(calls).toEqual([['a', 'b', 'missing', 'c']]);
    // The next turn opens a new batch.
    expect(await lookup('d')).toBe('row d');
    expect(calls).toHaveLength(2);
  });

  it('sends a full batch at once and starts another', async () => {
    const calls: string[][] = [];
    const lookup = batchedLookup(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    }, 3);
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => lookup(k)));
    expect(answers).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(calls).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('fails every lookup of a batch whose statement failed, and the next batch runs again', async () => {
    let fail = true;
    const lookup = batchedLookup(async (keys) => {
      if (fail) throw new Error('connection lost');
      return new Map(keys.map((k) => [k, 1]));
    });
    const results = await Promise.allSettled([lookup('a'), lookup('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await lookup('a')).toBe(1);
  });
});
