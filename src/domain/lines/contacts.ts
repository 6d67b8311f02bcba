import { CONTACT_FIELD_KEYS } from '../import-fields.ts';
import { normaliseEmail } from '../values/email.ts';
import { normaliseMainContactFlag } from '../values/main-contact.ts';
import { normalisePhone } from '../values/phone.ts';
import { normalisePositions, type Position } from '../values/positions.ts';
import { normaliseText, TEXT_LIMITS } from '../values/text-field.ts';
import { readCustomerReference } from './customer-reference.ts';
import { type LineContext, LineReader, type LineResult } from './types.ts';

/** The field keys of a contacts import line, in template order. */
export const CONTACT_FIELDS = CONTACT_FIELD_KEYS;

export type ContactField = (typeof CONTACT_FIELDS)[number];

/** A contacts line once validated; undefined means "the cell was empty: leave the stored value". */
export interface NormalisedContactLine {
  customerName?: string;
  /** Present exactly when `customerName` is: the key customer names are matched on. */
  customerNameKey?: string;
  customerExternalId?: string;
  /** Lower-cased; with the customer, it identifies the contact. */
  email: string;
  isMain?: boolean;
  firstName?: string;
  lastName?: string;
  /** E.164. */
  phone?: string;
  reference?: string;
  /** Distinct, in the order of POSITIONS; a cell without any position is left out. */
  positions?: Position[];
}

// Made once, not for every line.
const firstNameText = (value: string) => normaliseText(value, TEXT_LIMITS.firstName);
const lastNameText = (value: string) => normaliseText(value, TEXT_LIMITS.lastName);
const referenceText = (value: string) => normaliseText(value, TEXT_LIMITS.reference);

/** Validates one contacts line: the normalised line, or every error of the line. */
export function validateContactLine(
  cells: Partial<Record<ContactField, string>>,
  ctx: LineContext,
): LineResult<NormalisedContactLine> {
  const line = new LineReader(cells);
  const customer = readCustomerReference(line);
  const email = line.required('email', normaliseEmail);
  const isMain = line.optional('isMain', normaliseMainContactFlag);
  const firstName = line.optional('firstName', firstNameText);
  const lastName = line.optional('lastName', lastNameText);
  const phone = line.has('phone')
    ? line.optional('phone', (value) => normalisePhone(value, ctx.defaultCountry))
    : undefined;
  const reference = line.optional('reference', referenceText);
  const positions = line.optional('positions', normalisePositions);
  if (line.errors.length > 0 || email === undefined) return { ok: false, errors: line.errors };
  // Only the fields given, always in this order: "not given" is an absent key, and lines compare simply. Built
  // key by key, this runs on every line of an import without the copies a spread and a filter make.
  const value = {} as NormalisedContactLine;
  if (customer.customerName !== undefined) value.customerName = customer.customerName;
  if (customer.customerNameKey !== undefined) value.customerNameKey = customer.customerNameKey;
  if (customer.customerExternalId !== undefined) value.customerExternalId = customer.customerExternalId;
  value.email = email;
  if (isMain !== undefined) value.isMain = isMain;
  if (firstName !== undefined) value.firstName = firstName;
  if (lastName !== undefined) value.lastName = lastName;
  if (phone !== undefined) value.phone = phone;
  if (reference !== undefined) value.reference = reference;
  if (positions !== undefined && positions.length > 0) value.positions = positions;
  return { ok: true, value };
}
