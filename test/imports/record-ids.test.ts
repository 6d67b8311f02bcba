import { describe, expect, it } from 'vitest';
import { newRecordId } from '../../src/services/imports/record-ids.ts';

describe('record ids', () => {
  it('are version 4 UUIDs, all different, across many draws of random bytes', () => {
    const ids = Array.from({ length: 5000 }, () => newRecordId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every hex digit in every random position', () => {
    // A fixed byte or a mistaken nibble would leave some digit out of some position over thousands of ids.
    const ids = Array.from({ length: 4000 }, () => newRecordId());
    for (let pos = 0; pos < 36; pos++) {
      if ([8, 13, 14, 18, 19, 23].includes(pos)) continue;
      expect(new Set(ids.map((id) => id[pos])).size, `position ${pos}`).toBe(16);
    }
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });
});
