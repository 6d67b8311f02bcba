import type { FieldError } from '../result.ts';
import { cleanText, nameKey } from '../text.ts';
import { normaliseEmail } from '../values/email.ts';
import { normaliseText, TEXT_LIMITS } from '../values/text-field.ts';

/** An invoice as an API client sends it (every field loosely typed, so each error names its field). */
export interface InvoiceInput {
  number?: string | null | undefined;
  customer?:
    | { id?: string | undefined; name?: string | null | undefined; externalId?: string | null | undefined }
    | undefined;
  contactEmail?: string | null | undefined;
  issueDate?: string | null | undefined;
  dueDate?: string | null | undefined;
  amount?: string | number | null | undefined;
  currency?: string | null | undefined;
  status?: string | null | undefined;
}

/** The states of an invoice; only open ones count in a customer's balance. */
export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;

export type InvoiceStatusName = (typeof INVOICE_STATUSES)[number];

/** How an invoice names its customer once validated. */
export type InvoiceCustomerRef =
  | { id: string }
  | { name: string | undefined; nameKey: string | undefined; externalId: string | undefined };

/** A valid invoice, normalised: dates as YYYY-MM-DD, amount with two decimals, currency upper-cased. */
export interface ValidInvoice {
  number: string;
  customer: InvoiceCustomerRef;
  contactEmail: string | undefined;
  issueDate: string;
  dueDate: string;
  amount: string;
  currency: string;
  status: InvoiceStatusName;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT = /^(\d{1,14})(?:\.(\d{1,2}))?$/;
let currencies: Set<string> | undefined;

/** An ISO 4217 currency code the runtime knows ("eur" -> "EUR"), or undefined. */
export function readCurrency(value: string): string | undefined {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  const code = cleanText(value).toUpperCase();
  return /^[A-Z]{3}$/.test(code) && currencies.has(code) ? code : undefined;
}

/** A calendar date written YYYY-MM-DD (years 1900 to 2999, to catch typos), or undefined. */
export function readDate(value: string): string | undefined {
  const text = cleanText(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? text : undefined;
}

/**
 * A non-negative amount given as a decimal string ("1250", "1250.5", "1250.50") with two decimals, or undefined.
 * Numbers are refused: a JSON number may already have lost cents to floating point.
 */
export function readAmount(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = AMOUNT.exec(cleanText(value));
  if (!m) return undefined;
  const units = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  return `${units}.${(m[2] ?? '').padEnd(2, '0')}`;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && cleanText(v) === '');
}

/** Validates an invoice creation: the normalised invoice, or every field's error. */
export function validateInvoice(
  input: InvoiceInput,
): { ok: true; value: ValidInvoice } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const required = (field: string) => errors.push({ field, code: 'missing_required', params: { field } });
  const text = (field: string, raw: string, max: number): string | undefined => {
    const r = normaliseText(raw, max);
    if (r.ok) return r.value;
    errors.push({ field, code: r.error.code, ...(r.error.params ? { params: r.error.params } : {}) });
    return undefined;
  };

  let number: string | undefined;
  if (isBlank(input.number)) required('number');
  else number = text('number', String(input.number), 100);

  const customer = readCustomer(input.customer, errors, text);

  let contactEmail: string | undefined;
  if (!isBlank(input.contactEmail)) {
    const email = normaliseEmail(String(input.contactEmail));
    if (email.ok) contactEmail = email.value;
    else errors.push({ field: 'contactEmail', code: 'invalid_email' });
  }

  const date = (field: 'issueDate' | 'dueDate'): string | undefined => {
    const raw = input[field];
    if (isBlank(raw)) return void required(field);
    const d = readDate(String(raw));
    if (!d) errors.push({ field, code: 'invalid_date', params: { value: String(raw) } });
    return d;
  };
  const issueDate = date('issueDate');
  const dueDate = date('dueDate');
  if (issueDate && dueDate && dueDate < issueDate)
    errors.push({ field: 'dueDate', code: 'due_date_before_issue_date', params: { issueDate } });

  let amount: string | undefined;
  if (isBlank(input.amount)) required('amount');
  else {
    amount = readAmount(input.amount);
    if (!amount)
      errors.push({ field: 'amount', code: 'invalid_amount', params: { value: String(input.amount) } });
  }

  let currency: string | undefined;
  if (isBlank(input.currency)) required('currency');
  else {
    currency = readCurrency(String(input.currency));
    if (!currency)
      errors.push({ field: 'currency', code: 'invalid_currency', params: { value: String(input.currency) } });
  }

  let status: InvoiceStatusName = 'open';
  if (!isBlank(input.status)) {
    const s = cleanText(String(input.status)).toLowerCase();
    if ((INVOICE_STATUSES as readonly string[]).includes(s)) status = s as InvoiceStatusName;
    else
      errors.push({
        field: 'status',
        code: 'invalid_invoice_status',
        params: { value: String(input.status) },
      });
  }

  if (errors.length > 0 || !number || !customer || !issueDate || !dueDate || !amount || !currency)
    return { ok: false, errors };
  return {
    ok: true,
    value: { number, customer, contactEmail, issueDate, dueDate, amount, currency, status },
  };
}

function readCustomer(
  input: InvoiceInput['customer'],
  errors: FieldError[],
  text: (field: string, raw: string, max: number) => string | undefined,
): InvoiceCustomerRef | undefined {
  const hasId = input?.id !== undefined && !isBlank(input.id);
  const hasName = !isBlank(input?.name) || !isBlank(input?.externalId);
  if (!input || (!hasId && !hasName)) {
    errors.push({ field: 'customer', code: 'invoice_customer_required' });
    return undefined;
  }
  if (hasId && hasName) {
    errors.push({ field: 'customer', code: 'invoice_customer_id_or_name' });
    return undefined;
  }
  if (hasId) {
    const id = cleanText(String(input.id));
    if (UUID.test(id)) return { id: id.toLowerCase() };
    errors.push({ field: 'customer.id', code: 'invoice_customer_not_found' });
    return undefined;
  }
  // Like an import line, an external ID alone can find a customer; only a name can create one (checked later).
  const externalId = isBlank(input.externalId)
    ? undefined
    : text('customer.externalId', String(input.externalId), TEXT_LIMITS.externalId);
  const name = isBlank(input.name) ? undefined : text('customer.name', String(input.name), TEXT_LIMITS.name);
  if (name === undefined && externalId === undefined) return undefined;
  return { name, nameKey: name === undefined ? undefined : nameKey(name), externalId };
}

// What import files hold: dates as French Excel writes them (31/01/2025) or as XLSX date cells are read
// (2025-01-31, with a time when the cell's format shows one), amounts with a comma or a dot and grouped digits.
const FILE_DATE_ISO = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const FILE_DATE_FR = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/** A date cell of an import file: DD/MM/YYYY (or D/M/YYYY, DD.MM.YYYY) or YYYY-MM-DD, as YYYY-MM-DD, or undefined. */
export function readFileDate(value: string): string | undefined {
  const text = cleanText(value);
  const iso = FILE_DATE_ISO.exec(text);
  if (iso) return readDate(iso[1] ?? '');
  const fr = FILE_DATE_FR.exec(text);
  if (!fr) return undefined;
  return readDate(`${fr[3]}-${(fr[2] ?? '').padStart(2, '0')}-${(fr[1] ?? '').padStart(2, '0')}`);
}

/**
 * An amount cell of an import file ("1 234,56", "1234.56", "-12,50", "1,234.56", "1.234,56") as a decimal string
 * with two decimals ("-12.50"), or undefined. One separator followed by exactly three digits ("1,234", "1.234")
 * is refused: it is a thousands group in one convention and three decimals in the other, and money cannot guess.
 */
export function readFileAmount(value: string): string | undefined {
  const text = cleanText(value).replace(/[\s']/g, '');
  const m = /^([-+]?)(\d[\d.,]*)$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? '-' : '';
  const body = m[2] ?? '';
  const lastSep = Math.max(body.lastIndexOf(','), body.lastIndexOf('.'));
  let units = body;
  let cents = '';
  if (lastSep >= 0) {
    const sep = body.charAt(lastSep);
    const once = body.indexOf(sep) === lastSep;
    const tail = body.slice(lastSep + 1);
    // The last separator is the decimal one when it appears once and does not look like a thousands group.
    if (once && /^\d{1,2}$/.test(tail)) {
      units = body.slice(0, lastSep);
      cents = tail;
    } else if (once && /^\d{3}$/.test(tail) && !/[.,]/.test(body.slice(0, lastSep))) {
      return undefined;
    }
    if (!/^\d{1,3}(?:[.,]\d{3})*$|^\d+$/.test(units)) return undefined;
    const groupSeps = new Set(units.replace(/\d/g, ''));
    if (groupSeps.size > 1 || (cents !== '' && groupSeps.has(sep))) return undefined;
    units = units.replace(/[.,]/g, '');
  }
  const amount = readAmount(cents === '' ? units : `${units}.${cents}`);
  if (amount === undefined) return undefined;
  return sign && /[1-9]/.test(amount) ? `-${amount}` : amount;
}

const STATUS_WORDS: Record<string, InvoiceStatusName> = {
  open: 'open',
  ouverte: 'open',
  ouvert: 'open',
  paid: 'paid',
  payee: 'paid',
  paye: 'paid',
  reglee: 'paid',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  annulee: 'cancelled',
  annule: 'cancelled',
};

/** An invoice status written in English or French, any case or accents ("Payée" -> "paid"), or undefined. */
export function readInvoiceStatus(value: string): InvoiceStatusName | undefined {
  return STATUS_WORDS[nameKey(value)];
}
