import type { ContactEditField } from '../domain/records/contact.ts';
import { fail, type Result } from '../domain/result.ts';
import { POSITIONS } from '../domain/values/positions.ts';
import { CONTACT_COLUMNS } from '../storage/columns.ts';
import type { ContactUpdate, Position } from '../storage/schema.ts';
import { isUniqueViolation } from './errors.ts';

/** Turns a validated contact patch into column values. */
export function contactColumns(
  set: Partial<Record<ContactEditField, unknown>>,
  clear: ContactEditField[],
  extra: { positions?: Position[] | undefined; isMain?: boolean | undefined },
): ContactUpdate {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set))
    values[CONTACT_COLUMNS[field as ContactEditField]] = value;
  for (const field of clear) values[CONTACT_COLUMNS[field]] = null;
  if (extra.positions) values.positions = POSITIONS.filter((p) => extra.positions?.includes(p));
  if (extra.isMain !== undefined) values.is_main = extra.isMain;
  return values as ContactUpdate;
}

/** The failure a person can act on for a contact write's constraint violation, if it is one. */
export function contactWriteFailure(e: unknown, email: unknown): Result<never> | undefined {
  if (isUniqueViolation(e, 'contacts_organization_id_customer_id_email_key')) {
    return fail('contact_email_taken', { email: String(email) });
  }
  // Main-contact changes are serialised per customer; should one still collide, the person can simply retry.
  if (isUniqueViolation(e, 'contacts_one_main_idx')) return fail('main_contact_conflict');
  return undefined;
}
