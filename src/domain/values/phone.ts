import {
  type CountryCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { boundedMemo } from '../memo.ts';
import { fail, ok, type Result } from '../result.ts';
import { cleanText } from '../text.ts';

// The default ("min") metadata checks each country's number lengths and leading digits, which is what French
// files need (06/07 mobiles, 01-05 and 09 landlines, 08 services, +33 and 0033, "(0)"). The "max" metadata
// also refuses numbers in ranges not yet allocated, which would reject real numbers whenever it lags behind
// the regulators, and it is twice the size (157 KB against 83 KB) for a module the web app may load too.

// Digits and the separators people type; anything else (letters, "ext. 12", two numbers in one cell) is
// refused rather than silently dropped, because the stored E.164 number could not keep it.
const PHONE_CHARACTERS = /^[0-9\s+().\-/]+$/;

// Parsing a number costs more than anything else done to a line, and files repeat numbers (a company's switchboard
// on each of its contacts, one number on the lines of one person): results are remembered per default country and
// cell (see boundedMemo), frozen since every line with that cell shares them.
const parsedIn = new Map<
  string,
  { country: CountryCode | undefined; parsed: (value: string) => Result<string> }
>();

/** Parses a phone number with the organization's default country (ISO alpha-2) and returns it in E.164. */
export function normalisePhone(value: string, defaultCountry: string): Result<string> {
  let known = parsedIn.get(defaultCountry);
  if (!known) {
    known = {
      country: supportedCountry(defaultCountry),
      parsed: boundedMemo((cell) => frozen(parseWithLibrary(cell, defaultCountry)), {
        max: 10_000,
        longest: 64,
      }),
    };
    // Countries are a few hundred at most; a bound anyway, since the code comes from a setting.
    if (parsedIn.size >= 300) parsedIn.clear();
    parsedIn.set(defaultCountry, known);
  }
  // A cell in a form frenchNumber reads is already clean (cleanText gives it back as it is): cleaned only if not.
  let french = frenchNumber(value, known.country);
  if (french === undefined) {
    const text = cleanText(value);
    if (text !== value) french = frenchNumber(text, known.country);
  }
  return french === undefined ? known.parsed(value) : ok(french);
}

// French numbers as French files write them: the national form (0, then nine digits) or the international one (+33,
// or 0033 where France is the default country), the digits in pairs or not, with at most one space, dot or dash
// between pairs; and, where France is the default country, the nine digits alone, as a spreadsheet that stored the
// number as a number gives it back (the bench's workbook does). libphonenumber takes each such number for valid (its
// "min" metadata, above: a French national number is any nine digits not starting with 0) and gives +33 and the nine
// digits, the answer given here without it. Parsing one took it 6 to 8 microseconds: a file of distinct numbers (a
// mobile per contact) paid 6 to 8 s per million lines for it, where reading one here costs about a tenth of a
// microsecond (docs/performance.md). Every other text goes to libphonenumber; the tests hold both ways to the same
// answers.

// The character codes of the national number being read (nine digits).
const DIGITS = new Array<number>(9).fill(48);

const isDigit = (code: number) => code >= 48 && code <= 57;
// A space, a dot or a dash.
const isSeparator = (code: number) => code === 32 || code === 46 || code === 45;

/**
 * The E.164 form of a French number written as above, or undefined for any other text. Read character by character:
 * the same test by regular expressions, their captures and the separators replaced took 250 to 310 ns a number
 * against 100 to 120 (in isolation).
 */
function frenchNumber(text: string, country: CountryCode | undefined): string | undefined {
  let i: number;
  if (text.startsWith('+33')) i = 3;
  // 00 is the international prefix of France, not of every country: elsewhere, only +33.
  else if (country !== 'FR') return undefined;
  else if (text.charCodeAt(0) !== 48) {
    // Nine digits alone: a number whose 0 a spreadsheet dropped, having stored the cell as a number.
    if (text.length !== 9) return undefined;
    i = 0;
  } else if (text.startsWith('0033')) i = 4;
  else i = 1;
  // After +33 or 0033, a separator may come before the national number.
  if (i > 1 && isSeparator(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  if (first < 49 || first > 57) return undefined;
  if (text.length === i + 9) {
    // The nine digits together.
    for (let k = i + 1; k < text.length; k++) if (!isDigit(text.charCodeAt(k))) return undefined;
    return `+33${text.slice(i)}`;
  }
  DIGITS[0] = first;
  i++;
  for (let pair = 0, at = 1; pair < 4; pair++, at += 2) {
    if (isSeparator(text.charCodeAt(i))) i++;
    const high = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (!isDigit(high) || !isDigit(low)) return undefined;
    DIGITS[at] = high;
    DIGITS[at + 1] = low;
    i += 2;
  }
  if (i !== text.length) return undefined;
  const d = DIGITS as [number, number, number, number, number, number, number, number, number];
  return String.fromCharCode(43, 51, 51, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
}

/**
 * normalisePhone by libphonenumber alone, without the French shortcut nor the memory of earlier answers: the answer
 * the shortcut must give (tests).
 */
export function parseWithLibrary(value: string, defaultCountry: string): Result<string> {
  const text = cleanText(value);
  const country = supportedCountry(defaultCountry);
  if (PHONE_CHARACTERS.test(text)) {
    const phone = parse(text, country);
    if (phone) return ok(phone);
    // "00" is the international prefix in most of the world but not in every default country (011 in the
    // US): "0033 6 12 34 56 78" pasted in a US organization's file still means +33.
    const international = /^00[1-9]/.test(text) ? parse(`+${text.slice(2)}`, country) : undefined;
    if (international) return ok(international);
  }
  return fail('invalid_phone', phoneExample(country));
}

function frozen(result: Result<string>): Result<string> {
  if (!result.ok) Object.freeze(Object.freeze(result.error).params);
  return Object.freeze(result);
}

function parse(text: string, country: CountryCode | undefined): string | undefined {
  const phone = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
  return phone?.isValid() ? phone.number : undefined;
}

function supportedCountry(code: string): CountryCode | undefined {
  const upper = code.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

// Shown when the default country has no example: an international number reads the same everywhere.
const FALLBACK_EXAMPLE = '+33 6 12 34 56 78';

// The example in the message is a mobile number of the default country, written both ways it is accepted.
function phoneExample(country: CountryCode | undefined): {
  country: string;
  example: string;
  national: string;
} {
  const example = country ? getExampleNumber(country, examples) : undefined;
  if (!country || !example)
    return { country: country ?? '', example: FALLBACK_EXAMPLE, national: FALLBACK_EXAMPLE };
  return { country, example: example.formatInternational(), national: example.formatNational() };
}
