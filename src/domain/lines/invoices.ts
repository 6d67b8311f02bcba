import { INVOICE_FIELD_KEYS } from '../import-fields.ts';
import {
  type InvoiceStatusName,
  readCurrency,
  readFileAmount,
  readFileDate,
  readInvoiceStatus,
} from '../records/invoice.ts';
import { fail, ok, type Result } from '../result.ts';
import { normaliseEmail } from '../values/email.ts';
import { normaliseText } from '../values/text-field.ts';
import { readCustomerReference } from './customer-reference.ts';
import { dropUndefined, type LineContext, LineReader, type LineResult } from './types.ts';

/** The field keys of an invoices import line, in template order. */
export const INVOICE_FIELDS = INVOICE_FIELD_KEYS;

export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** The longest invoice number the database accepts. */
const NUMBER_MAX = 100;

/**
 * An invoices line once validated; undefined means "the cell was empty": an invoice that exists keeps its value,
 * a new one takes the default (EUR, open) or, for dates and amount, cannot be created (checked when planning).
 */
export interface NormalisedInvoiceLine {
  number: string;
  customerName?: string;
  customerNameKey?: string;
  customerExternalId?: string;
  /** Lower-cased; a new one becomes a contact of the customer. */
  contactEmail?: string;
  /** YYYY-MM-DD. */
  issueDate?: string;
  dueDate?: string;
  /** Two decimals, a dot, a leading "-" for a credit note. */
  amount?: string;
  currency?: string;
  status?: InvoiceStatusName;
}

const wrap =
  <T>(read: (value: string) => T | undefined, code: string) =>
  (value: string): Result<T> => {
    const v = read(value);
    return v === undefined ? fail(code, { value }) : ok(v);
  };

/** Validates one invoices line: the normalised line, or every error of the line. */
export function validateInvoiceLine(
  cells: Partial<Record<InvoiceField, string>>,
  // Unused: taken so that the validators share one signature.
  _ctx?: LineContext,
): LineResult<NormalisedInvoiceLine> {
  const line = new LineReader(cells);
  const number = line.required('number', (value) => normaliseText(value, NUMBER_MAX));
  // Both customer cells empty is allowed here: an existing invoice keeps its customer (a new one needs one).
  const customer =
    line.has('customerName') || line.has('customerExternalId') ? readCustomerReference(line) : {};
  const contactEmail = line.optional('contactEmail', normaliseEmail);
  const issueDate = line.optional('issueDate', wrap(readFileDate, 'invoice_date_invalid'));
  const dueDate = line.optional('dueDate', wrap(readFileDate, 'invoice_date_invalid'));
  const amount = line.optional('amount', wrap(readFileAmount, 'invoice_amount_invalid'));
  const currency = line.optional('currency', wrap(readCurrency, 'invoice_currency_invalid'));
  const status = line.optional('status', wrap(readInvoiceStatus, 'invoice_status_invalid'));
  if (issueDate !== undefined && dueDate !== undefined && dueDate < issueDate) {
    line.fail('dueDate', 'invoice_due_before_issue', { issueDate });
  }
  if (line.errors.length > 0 || number === undefined) return { ok: false, errors: line.errors };
  return {
    ok: true,
    value: dropUndefined({
      number,
      ...customer,
      contactEmail,
      issueDate,
      dueDate,
      amount,
      currency,
      status,
    }),
  };
}
