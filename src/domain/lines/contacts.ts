import { CONTACT_FIELD_KEYS } from '../import-fields.ts';
import { normaliseEmail } from '../values/email.ts';
import { normaliseMainContactFlag } from '../values/main-contact.ts';
import { normalisePhone } from '../values/phone.ts';
import { normalisePositions, type Position } from '../values/positions.ts';
import { normaliseText, TEXT_LIMITS } from '../values/text-field.ts';
import { readCustomerReference } from './customer-reference.ts';
import { dropUndefined, type LineContext, LineReader, type LineResult } from './types.ts';

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

/** Validates one contacts line: the normalised line, or every error of the line. */
export function validateContactLine(
  cells: Partial<Record<ContactField, string>>,
  ctx: LineContext,
): LineResult<NormalisedContactLine> {
  const line = new LineReader(cells);
  const text = (max: number) => (value: string) => normaliseText(value, max);
  const customer = readCustomerReference(line);
  const email = line.required('email', normaliseEmail);
  const isMain = line.optional('isMain', normaliseMainContactFlag);
  const firstName = line.optional('firstName', text(TEXT_LIMITS.firstName));
  const lastName = line.optional('lastName', text(TEXT_LIMITS.lastName));
  const phone = line.optional('phone', (value) => normalisePhone(value, ctx.defaultCountry));
  const reference = line.optional('reference', text(TEXT_LIMITS.reference));
  const positions = line.optional('positions', normalisePositions);
  if (line.errors.length > 0 || email === undefined) return { ok: false, errors: line.errors };
  return {
    ok: true,
    value: dropUndefined({
      ...customer,
      email,
      isMain,
      firstName,
      lastName,
      phone,
      reference,
      positions: positions && positions.length > 0 ? positions : undefined,
    }),
  };
}
