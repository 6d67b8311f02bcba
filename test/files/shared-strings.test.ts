import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('moved to a file past its threshold, gives back every string in any order of reading', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 60 }), { minLength: 1, maxLength: 4000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.nat(), { maxLength: 2000 }),
        (texts, spillAt, order) => {
          const strings = new SharedStrings(spillAt);
          for (const t of texts) strings.push(t);
          try {
            if (Buffer.byteLength(texts.join('')) > spillAt) expect(strings.spilled).toBe(true);
            // In order, then at random: both the cache's hits and its misses.
            texts.forEach((t, i) => {
              expect(strings.get(i)).toBe(t);
            });
            for (const n of order) expect(strings.get(n % texts.length)).toBe(texts[n % texts.length]);
          } finally {
            strings.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('in a file, reads strings across its blocks and its writes, and long ones, beyond its cache', () => {
    const strings = new SharedStrings(1024);
    const long = 'Crédit Agricole – Île-de-France '.repeat(5000); // over 64 KiB: spans blocks
    const texts = Array.from({ length: 200_000 }, (_, i) =>
      i % 50_000 === 7 ? long : `contact.${i}@exemple.fr`,
    );
    for (const t of texts) strings.push(t);
    expect(strings.spilled).toBe(true);
    expect(strings.size).toBeGreaterThan(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
    // Backwards: every block is read again after the cache forgot it.
    for (let i = texts.length - 1; i >= 0; i -= 97) expect(strings.get(i)).toBe(texts[i]);
    expect(strings.get(7)).toBe(long);
    expect(strings.get(150_007)).toBe(long);
    expect(strings.get(texts.length - 1)).toBe(texts.at(-1));
    strings.close();
    expect(() => strings.get(0)).toThrow(/after close/);
  });

  it('in a file, reads strings while more are still being added', () => {
    const strings = new SharedStrings(100);
    const texts: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      texts.push(`Société n°${i} – ${'x'.repeat(i % 37)}`);
      strings.push(texts[i] as string);
      // The last string and an older one: blocks read before later writes must not be served short.
      expect(strings.get(i)).toBe(texts[i]);
      if (i % 7 === 0) expect(strings.get(Math.floor(i / 2))).toBe(texts[Math.floor(i / 2)]);
    }
    for (let i = 0; i < texts.length; i += 13) expect(strings.get(i)).toBe(texts[i]);
    strings.close();
  });

  it('leaves no file behind in the temporary folder', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strings-test-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const strings = new SharedStrings(10);
      for (let i = 0; i < 1000; i++) strings.push(`texte n°${i}`);
      expect(strings.spilled).toBe(true);
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(strings.get(999)).toBe('texte n°999');
      strings.close();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reads an index it does not hold as empty, as Excel shows such a cell', () => {
    const strings = new SharedStrings();
    strings.push('a');
    expect([strings.get(1), strings.get(-1), strings.get(Number.NaN)]).toEqual(['', '', '']);
  });
});
