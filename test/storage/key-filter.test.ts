import { describe, expect, it } from 'vitest';
import { KeyFilter } from '../../src/storage/key-filter.ts';

describe('a key filter', () => {
  // As a million-line file's customers: an external ID and a name key each.
  const added = Array.from({ length: 333_334 }, (_, i) => [
    `CLI-${String(i).padStart(7, '0')}`,
    `brasserie du pecheur paris n°${i}`,
  ]).flat();

  it('never says no for a key it was given', () => {
    const filter = new KeyFilter();
    for (const key of added) filter.add(key);
    expect(added.filter((key) => !filter.mayHave(key))).toEqual([]);
  });

  it("says maybe for about one key in 20,000 it was not given, at a million-line file's size", () => {
    const filter = new KeyFilter();
    for (const key of added) filter.add(key);
    const others = Array.from({ length: 200_000 }, (_, i) => `CLI-${String(500_000 + i).padStart(7, '0')}`);
    const maybes = others.filter((key) => filter.mayHave(key)).length;
    expect(maybes).toBeLessThanOrEqual(40);
  });

  it('says no for everything while empty, and tells close keys apart', () => {
    const filter = new KeyFilter();
    expect(filter.mayHave('CLI-0000001')).toBe(false);
    filter.add('CLI-0000001');
    expect(filter.mayHave('CLI-0000001')).toBe(true);
    expect(filter.mayHave('CLI-0000002')).toBe(false);
    expect(filter.mayHave('cli-0000001')).toBe(false);
    expect(filter.mayHave('')).toBe(false);
  });
});
