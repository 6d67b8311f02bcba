import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { newRecordId } from '../../src/services/imports/record-ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('record ids', () => {
  it('are version 7 UUIDs, all different, across many draws of random bytes', () => {
    const ids = Array.from({ length: 5000 }, () => newRecordId());
    for (const id of ids) expect(id).toMatch(V7);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('start with the time they were made, and sort after the ids made before', async () => {
    const before = Date.now();
    const first = Array.from({ length: 1500 }, () => newRecordId());
    await sleep(5);
    const second = Array.from({ length: 1500 }, () => newRecordId());
    const after = Date.now();
    const millis = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    for (const id of [...first, ...second]) {
      expect(millis(id)).toBeGreaterThanOrEqual(before - 1);
      expect(millis(id)).toBeLessThanOrEqual(after);
    }
    // Ids made a millisecond later sort after: the indexes on ids take an import's records near their right edge.
    const lastOfFirst = [...first].sort().at(-1)!;
    expect(second.every((id) => id > lastOfFirst)).toBe(true);
  });

  it('use every hex digit in every random position', () => {
    // A fixed byte or a mistaken nibble would leave some digit out of some position over thousands of ids.
    const ids = Array.from({ length: 4000 }, () => newRecordId());
    for (let pos = 15; pos < 36; pos++) {
      if ([18, 19, 23].includes(pos)) continue;
      expect(new Set(ids.map((id) => id[pos])).size, `position ${pos}`).toBe(16);
    }
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });
});
