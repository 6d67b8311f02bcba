import { describe, expect, it } from 'vitest';
import { lastValueMemo } from '../../src/domain/memo.ts';
import { nameKey } from '../../src/domain/text.ts';

describe('lastValueMemo', () => {
  it('computes a value once while it repeats, and again after another one', () => {
    const seen: string[] = [];
    const upper = lastValueMemo((v: string) => {
      seen.push(v);
      return v.toUpperCase();
    });
    expect(['a', 'a', 'b', 'b', 'a', ''].map(upper)).toEqual(['A', 'A', 'B', 'B', 'A', '']);
    expect(seen).toEqual(['a', 'b', 'a', '']);
  });

  it('gives name keys that do not depend on the names asked before', () => {
    const names = ['Société Générale', 'SOCIETE  generale', 'Acme', 'Société Générale', 'İstanbul Ltd'];
    const inOrder = names.map(nameKey);
    const reversed = [...names].reverse().map(nameKey).reverse();
    expect(inOrder).toEqual(reversed);
    expect(inOrder[0]).toBe('societe generale');
    expect(inOrder[1]).toBe('societe generale');
  });
});
