import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src/files/shared-strings.ts';

describe('shared strings kept as bytes', () => {
  it('gives back every string pushed, in order, whatever its characters and however many', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 3000 }), (texts) => {
        const strings = new SharedStrings();
        for (const t of texts) strings.push(t);
        expect(strings.length).toBe(texts.length);
        texts.forEach((t, i) => {
          expect(strings.get(i)).toBe(t);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('grows past its first buffers (long strings, many strings) without losing any', () => {
    const strings = new SharedStrings();
    const long = 'Société Générale – Crédit à l’export '.repeat(3000);
    const texts = [long, ...Array.from({ length: 5000 }, (_, i) => `Café n°${i}`), long.slice(7)];
    for (const t of texts) strings.push(t);
    expect(strings.get(0)).toBe(long);
    expect(strings.get(2500)).toBe('Café n°2499');
    expect(strings.get(texts.length - 1)).toBe(long.slice(7));
    expect(strings.size).toBeGreaterThan(Buffer.byteLength(long) * 2);
  });

  it('reads an index it does not hold as empty, as Excel shows such a cell', () => {
    const strings = new SharedStrings();
    strings.push('a');
    expect([strings.get(1), strings.get(-1), strings.get(Number.NaN)]).toEqual(['', '', '']);
  });
});
