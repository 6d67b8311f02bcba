import { fail, ok, type Result } from '../result.ts';
import { cleanText, nameKey } from '../text.ts';

/** Maximum length, in characters, of each free-text field (the database and the exports rely on them). */
export const TEXT_LIMITS = {
  name: 200,
  externalId: 100,
  reference: 100,
  firstName: 100,
  lastName: 100,
  addressLine1: 200,
  addressLine2: 200,
  postalCode: 20,
  city: 100,
  vatNumber: 40,
  dunningPlan: 200,
} as const;

/** Cleans a free-text cell and refuses it when longer than `maxLength` characters. */
export function normaliseText(value: string, maxLength: number): Result<string> {
  const text = cleanText(value);
  // UTF-16 units are never fewer than code points: most values need no counting.
  if (text.length <= maxLength) return ok(text);
  const length = codePointLength(text);
  if (length > maxLength) return fail('value_too_long', { max: maxLength, length });
  return ok(text);
}

/**
 * Length in code points, as PostgreSQL counts `length(text)`, so an emoji is one character. Counted without
 * spreading the string: a 10 MB cell would otherwise become an array of ten million strings.
 */
function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/**
 * A customer name, which records are matched on: like `normaliseText`, and missing when nothing is left of it
 * once accents are set aside (a cell of combining marks alone), since its matching key would be empty.
 */
export function normaliseName(value: string, field: string): Result<string> {
  const result = normaliseText(value, TEXT_LIMITS.name);
  if (result.ok && nameKey(result.value) === '') return fail('missing_required', { field });
  return result;
}

/** A VAT number without the spaces, dots and dashes people type in it, upper-cased ("fr 12 345" -> "FR12345"). */
export function normaliseVatNumber(value: string): Result<string> {
  const vat = cleanText(value)
    .replace(/[\s.-]+/g, '')
    .toUpperCase();
  return normaliseText(vat, TEXT_LIMITS.vatNumber);
}

/**
 * A postal code, cleaned; a French code that lost its leading zero to a spreadsheet ("1000" for Bourg-en-Bresse)
 * gets it back, because French codes always have five digits.
 */
export function normalisePostalCode(value: string, country: string | undefined): Result<string> {
  const result = normaliseText(value, TEXT_LIMITS.postalCode);
  if (result.ok && country === 'FR' && /^\d{4}$/.test(result.value)) return ok(`0${result.value}`);
  return result;
}
