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
import { type FieldRule, type PatchResult, validatePatch } from './patch.ts';

/** The fields of a customer a person edits by hand (references to members and plans go by id). */
export const CUSTOMER_EDIT_FIELDS = [
  'name',
  'externalId',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'vatNumber',
] as const;

export type CustomerEditField = (typeof CUSTOMER_EDIT_FIELDS)[number];

/** Validates a hand edit of a customer (creation when `creating`: the name is then required). */
export function validateCustomerPatch(
  input: Partial<Record<CustomerEditField, string | null>>,
  ctx: { defaultCountry: string; creating: boolean },
): PatchResult<CustomerEditField> {
  const text =
    (max: number): FieldRule =>
    (v) =>
      normaliseText(v, max);
  const country = input.country ? normaliseCountry(input.country) : undefined;
  const rules: Record<CustomerEditField, FieldRule> = {
    name: (v) => normaliseName(v, 'name'),
    externalId: text(TEXT_LIMITS.externalId),
    email: normaliseEmail,
    phone: (v) => normalisePhone(v, ctx.defaultCountry),
    addressLine1: text(TEXT_LIMITS.addressLine1),
    addressLine2: text(TEXT_LIMITS.addressLine2),
    postalCode: (v) => normalisePostalCode(v, country?.ok ? country.value : ctx.defaultCountry),
    city: text(TEXT_LIMITS.city),
    country: normaliseCountry,
    vatNumber: normaliseVatNumber,
  };
  const withName = ctx.creating && !('name' in input) ? { ...input, name: null } : input;
  return validatePatch(withName, rules, ['name']);
}
