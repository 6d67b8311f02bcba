import { CUSTOMER_FIELD_KEYS } from '../import-fields.ts';
import { nameKey } from '../text.ts';
import { normaliseCountry } from '../values/country.ts';
import { normaliseEmail } from '../values/email.ts';
import { normalisePhone } from '../values/phone.ts';
import {
  normaliseName,
  normalisePostalCode,
  normaliseText,
  normaliseVatNumber,
  TEXT_LIMITS,
} from '../values/text-field.ts';
import { dropUndefined, type LineContext, LineReader, type LineResult } from './types.ts';

/** The field keys of a customers import line, in template order. */
export const CUSTOMER_FIELDS = CUSTOMER_FIELD_KEYS;

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** A customers line once validated; undefined means "the cell was empty: leave the stored value". */
export interface NormalisedCustomerLine {
  name: string;
  customerNameKey: string;
  externalId?: string;
  email?: string;
  phone?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
  city?: string;
  country?: string;
  vatNumber?: string;
  /** A member's email, lower-cased; whether such a member exists is checked against the database. */
  accountManager?: string;
  /** A dunning plan's name as written; `dunningPlanKey` is what to match plan names on. */
  dunningPlan?: string;
  dunningPlanKey?: string;
}

/** Validates one customers line: the normalised line, or every error of the line. */
export function validateCustomerLine(
  cells: Partial<Record<CustomerField, string>>,
  ctx: LineContext,
): LineResult<NormalisedCustomerLine> {
  const line = new LineReader(cells);
  const text = (max: number) => (value: string) => normaliseText(value, max);
  const name = line.required('name', (value) => normaliseName(value, 'name'));
  const externalId = line.optional('externalId', text(TEXT_LIMITS.externalId));
  const email = line.optional('email', normaliseEmail);
  const phone = line.optional('phone', (value) => normalisePhone(value, ctx.defaultCountry));
  const addressLine1 = line.optional('addressLine1', text(TEXT_LIMITS.addressLine1));
  const addressLine2 = line.optional('addressLine2', text(TEXT_LIMITS.addressLine2));
  const country = line.optional('country', normaliseCountry);
  // A postal code without a country cell is read as one of the organization's country.
  const postalCountry = line.has('country') ? country : ctx.defaultCountry.trim().toUpperCase();
  const postalCode = line.optional('postalCode', (value) => normalisePostalCode(value, postalCountry));
  const city = line.optional('city', text(TEXT_LIMITS.city));
  const vatNumber = line.optional('vatNumber', normaliseVatNumber);
  const accountManager = line.optional('accountManager', normaliseEmail);
  const dunningPlan = line.optional('dunningPlan', text(TEXT_LIMITS.dunningPlan));
  if (line.errors.length > 0 || name === undefined) return { ok: false, errors: line.errors };
  return {
    ok: true,
    value: dropUndefined({
      name,
      customerNameKey: nameKey(name),
      externalId,
      email,
      phone,
      addressLine1,
      addressLine2,
      postalCode,
      city,
      country,
      vatNumber,
      accountManager,
      dunningPlan,
      dunningPlanKey: dunningPlan === undefined ? undefined : nameKey(dunningPlan),
    }),
  };
}
