/** Text normalisation shared by matching rules (customer names, plan names, headers). */

// Invisible or space-like characters people paste from spreadsheets and web pages.
const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu;
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

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
