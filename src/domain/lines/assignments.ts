import { ASSIGNMENT_FIELD_KEYS } from '../import-fields.ts';
import { nameKey } from '../text.ts';
import { normaliseEmail } from '../values/email.ts';
import { normaliseText, TEXT_LIMITS } from '../values/text-field.ts';
import { readCustomerReference } from './customer-reference.ts';
import { dropUndefined, type LineContext, LineReader, type LineResult } from './types.ts';

/** The field keys of an assignments import line, in template order. */
export const ASSIGNMENT_FIELDS = ASSIGNMENT_FIELD_KEYS;

export type AssignmentField = (typeof ASSIGNMENT_FIELDS)[number];

/** An assignments line once validated; undefined means "the cell was empty: leave the stored value". */
export interface NormalisedAssignmentLine {
  customerName?: string;
  customerNameKey?: string;
  customerExternalId?: string;
  /** A member's email, lower-cased; whether such a member exists is checked against the database. */
  accountManager?: string;
  /** A dunning plan's name as written; `dunningPlanKey` is what to match plan names on. */
  dunningPlan?: string;
  dunningPlanKey?: string;
}

/** Validates one assignments line: the normalised line, or every error of the line. */
export function validateAssignmentLine(
  cells: Partial<Record<AssignmentField, string>>,
  // Unused: taken so that the three validators share one signature.
  _ctx?: LineContext,
): LineResult<NormalisedAssignmentLine> {
  const line = new LineReader(cells);
  const customer = readCustomerReference(line);
  const accountManager = line.optional('accountManager', normaliseEmail);
  const dunningPlan = line.optional('dunningPlan', (value) => normaliseText(value, TEXT_LIMITS.dunningPlan));
  if (line.errors.length > 0) return { ok: false, errors: line.errors };
  return {
    ok: true,
    value: dropUndefined({
      ...customer,
      accountManager,
      dunningPlan,
      dunningPlanKey: dunningPlan === undefined ? undefined : nameKey(dunningPlan),
    }),
  };
}
