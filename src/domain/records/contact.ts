import { normaliseEmail } from '../values/email.ts';
import { normalisePhone } from '../values/phone.ts';
import { normaliseText, TEXT_LIMITS } from '../values/text-field.ts';
import { type FieldRule, type PatchResult, validatePatch } from './patch.ts';

/** The text fields of a contact a person edits by hand (positions and main flag are typed values). */
export const CONTACT_EDIT_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'reference'] as const;

export type ContactEditField = (typeof CONTACT_EDIT_FIELDS)[number];

/** Validates a hand edit of a contact (creation when `creating`: the email is then required). */
export function validateContactPatch(
  input: Partial<Record<ContactEditField, string | null>>,
  ctx: { defaultCountry: string; creating: boolean },
): PatchResult<ContactEditField> {
  const text =
    (max: number): FieldRule =>
    (v) =>
      normaliseText(v, max);
  const rules: Record<ContactEditField, FieldRule> = {
    email: normaliseEmail,
    firstName: text(TEXT_LIMITS.firstName),
    lastName: text(TEXT_LIMITS.lastName),
    phone: (v) => normalisePhone(v, ctx.defaultCountry),
    reference: text(TEXT_LIMITS.reference),
  };
  const withEmail = ctx.creating && !('email' in input) ? { ...input, email: null } : input;
  return validatePatch(withEmail, rules, ['email']);
}
