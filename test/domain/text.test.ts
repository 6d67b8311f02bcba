import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, nameKey } from '../../src/domain/text.ts';

/**
 * cleanText and nameKey take shortcuts for the common case (plain Latin text, Latin names folded letter by letter,
 * a name seen before).
 * Whatever the input, they must give what the full Unicode treatment gives.
 */

const INVISIBLE = /(?!\ufeff|\p{Variation_Selector})\p{Default_Ignorable_Code_Point}/gu;
const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
const fullClean = (v: string) => v.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
const fullKey = (v: string) =>
  fullClean(v)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .normalize('NFC');

// Characters around the shortcut's edges: spaces of every kind, invisible marks, accents composed and not,
// Latin letters at the end of its range and just past it, typographic punctuation, ligatures, other scripts.
const EDGES = [
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u00ad',
  '\u034f',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2060',
  '\ufeff',
  '\u3000',
  'e\u0301',
  'é',
  'É',
  'ß',
  'Œ',
  'ǅ',
  'ɏ',
  'ɐ',
  'ﬁ',
  '’',
  '“',
  '„',
  '…',
  '€',
  '–',
  '—',
  '½',
  '²',
  'Ⅻ',
  'ｊ',
  'а',
  'α',
  'İ',
  'ı',
  'A',
  'z',
  '0',
  '-',
  '.',
  '~',
  '!',
  '\u00ac',
  '\u00ae',
  '\u00a1',
  '\u00ff',
  '\ud83d\ude00',
];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...EDGES), maxLength: 12 }),
  // Every Latin letter the name key folds one by one, with ASCII around it.
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x24f }).map((c) => String.fromCharCode(c)),
    maxLength: 12,
  }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

describe('text normalisation shortcuts', () => {
  it('cleanText equals the full treatment for any text', () => {
    fc.assert(
      fc.property(text, (v) => {
        expect(cleanText(v)).toBe(fullClean(v));
      }),
      { seed: 20261123, numRuns: 3000 },
    );
  });

  it('nameKey equals the full treatment for any text, asked once or again', () => {
    fc.assert(
      fc.property(text, (v) => {
        expect(nameKey(v)).toBe(fullKey(v));
        expect(nameKey(v)).toBe(fullKey(v));
      }),
      { seed: 20261123, numRuns: 3000 },
    );
  });

  it('nameKey equals the full treatment for every character of the Latin table and just past it', () => {
    const chars: string[] = [];
    for (let c = 0x80; c <= 0x2ff; c++) chars.push(String.fromCharCode(c));
    for (let c = 0x2000; c <= 0x20af; c++) chars.push(String.fromCharCode(c));
    chars.push('\u2c65', '\u2c66', '\u212a', '\u1e9e', '\ufb01');
    for (const ch of chars) {
      for (const v of [ch, `A${ch}b`, `${ch}${ch.toUpperCase()} École`, `x ${ch.toLowerCase()}`]) {
        expect([v, nameKey(v)]).toEqual([v, fullKey(v)]);
      }
    }
  });

  it('keeps the examples of the rules', () => {
    expect(cleanText('  Société \u00a0 Générale\u200b ')).toBe('Société Générale');
    expect(nameKey('  Société  Générale ')).toBe(nameKey('societe generale'));
    expect(nameKey('A.B.C')).not.toBe(nameKey('ABC'));
    expect(nameKey('Acme\u061c')).toBe('acme');
  });
});
