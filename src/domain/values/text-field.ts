import { fail, ok, type Result } from '../result.ts';
import { cleanText } from '../text.ts';

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
  // Counted in code points, as PostgreSQL counts `length(text)`, so an emoji is one character.
  const length = [...text].length;
  if (length > maxLength) return fail('value_too_long', { max: maxLength, length });
  return ok(text);
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
