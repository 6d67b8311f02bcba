/** Text normalisation shared by matching rules (customer names, plan names, headers). */

// Invisible or space-like characters people paste from spreadsheets and web pages.
const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
// Every character Unicode says to render as nothing: zero-width spaces and joiners, soft hyphens, the bidi
// controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C), word joiners, Hangul fillers, tag characters. They make a
// name look like another one ("Acme" and "Acme\u061c") or display reversed (U+202E). Left alone: U+FEFF, a space
// above, and the variation selectors, which choose how an emoji or an ideograph is drawn (keys drop them as marks).
const INVISIBLE = /(?!\ufeff|\p{Variation_Selector})\p{Default_Ignorable_Code_Point}/gu;

/** Trims a cell and folds every run of space-like characters into one space; removes invisible marks. */
export function cleanText(value: string): string {
  return value.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
}

/**
 * The matching key of a name: case, accents and spacing removed ("  Société  Générale " and
 * "societe generale" share one key). Punctuation is kept: "A.B.C" and "ABC" are different companies.
 */
export function nameKey(value: string): string {
  return cleanText(value)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .normalize('NFC');
}

/** A looser key for headers: also drops punctuation and spaces ("Adresse e-mail" ~ "adressemail"). */
export function looseKey(value: string): string {
  return nameKey(value).replace(/[^\p{L}\p{N}]+/gu, '');
}
