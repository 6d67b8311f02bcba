/** Text normalisation shared by matching rules (customer names, plan names, headers). */

import { lastValueMemo } from './memo.ts';

// Invisible or space-like characters people paste from spreadsheets and web pages.
const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
// Every character Unicode says to render as nothing: zero-width spaces and joiners, soft hyphens, the bidi
// controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C), word joiners, Hangul fillers, tag characters. They make a
// name look like another one ("Acme" and "Acme\u061c") or display reversed (U+202E). Left alone: U+FEFF, a space
// above, and the variation selectors, which choose how an emoji or an ideograph is drawn (keys drop them as marks).
const INVISIBLE = /(?!\ufeff|\p{Variation_Selector})\p{Default_Ignorable_Code_Point}/gu;

// Words of printable ASCII and Latin letters (accents included), with the punctuation French and English text
// uses (typographic quotes and apostrophes, dashes, ellipsis, euro), separated by single spaces: none of it is
// space-like or invisible, so such a value is already clean. Most cells are; checking costs far less than the
// Unicode-aware replacements (an import runs this on every cell of every line).
const CLEAN_WORD = '[!-~\u00a1-\u00ac\u00ae-\u024f\u2013\u2014\u2018-\u201e\u2026\u20ac]+';
const ALREADY_CLEAN = new RegExp(`^${CLEAN_WORD}(?: ${CLEAN_WORD})*$`);

/** Trims a cell and folds every run of space-like characters into one space; removes invisible marks. */
export function cleanText(value: string): string {
  if (ALREADY_CLEAN.test(value)) return value;
  return value.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
}

/**
 * The matching key of a name: case, accents and spacing removed ("  Société  Générale " and
 * "societe generale" share one key). Punctuation is kept: "A.B.C" and "ABC" are different companies. A file
 * names a customer on its contacts' consecutive lines, and a line asks twice: the last key is remembered
 * (lastValueMemo; about half a microsecond to compute one for a Latin name).
 */
export const nameKey = lastValueMemo((value: string): string => {
  const text = cleanText(value);
  return latinKey(text) ?? fullKey(text);
});

/** The matching key by the book: compatibility decomposition, marks dropped, lower case, composed again. */
function fullKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .normalize('NFC');
}

// Each character of Latin-1, Latin Extended-A and -B and the usual typographic punctuation, as its key. Folding
// such text character by character gives what fullKey gives for the whole (no mark survives to compose across
// characters, and none of these lower-cases differently in context); the tests check it for every character of
// the table and on any text.
// Indexed by character code (the table's last is U+20AC); undefined for a character not in the table.
const LATIN_KEYS: (string | undefined)[] = new Array(0x20ad).fill(undefined);
for (let c = 0x80; c <= 0x24f; c++) LATIN_KEYS[c] = fullKey(String.fromCharCode(c));
for (const c of [0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x2026, 0x20ac]) {
  LATIN_KEYS[c] = fullKey(String.fromCharCode(c));
}

/** The key of a name written in ASCII and the characters above, or undefined for any other text. */
function latinKey(text: string): string | undefined {
  // Lower-cased whole (ASCII has no compatibility forms nor marks: for it, that is all), then each character whose
  // key differs put in its place by one pass over the codes. A capital folds as its small letter does; one whose
  // small letter is outside the table (or is two characters, as U+0130's) leaves the name to fullKey. A replace()
  // with a function per character was 0.60 s of a million-line preview's profile (every line of the bench file
  // names its customer differently); this loop takes about half as long (0.27 against 0.50 s per million names, in
  // isolation, keys looked up in a map).
  const lower = text.toLowerCase();
  let key = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80) continue;
    const folded = LATIN_KEYS[code];
    if (folded === undefined) return undefined;
    if (folded.length === 1 && folded.charCodeAt(0) === code) continue;
    key += lower.slice(from, i) + folded;
    from = i + 1;
  }
  return from === 0 ? lower : key + lower.slice(from);
}

/** A looser key for headers: also drops punctuation and spaces ("Adresse e-mail" ~ "adressemail"). */
export function looseKey(value: string): string {
  return nameKey(value).replace(/[^\p{L}\p{N}]+/gu, '');
}
