import type { NormalisedInvoiceLine } from '../lines/invoices.ts';
import type { LineError } from '../lines/types.ts';
import { contactSnapshot, createCustomerFor, newContact } from './contacts.ts';
import { updateCustomer } from './customers.ts';
import { patchRecord, type Resolution, resolveCustomer } from './resolve.ts';
import {
  type ChangeKeeping,
  type CustomerState,
  creation,
  type IdFactory,
  type ImportMode,
  type InvoiceFields,
  type InvoiceState,
  type LineOutcome,
  type RecordChange,
} from './types.ts';
import type { WorkingSet } from './working-set.ts';

/** What planning an invoices line needs besides the line. */
export interface InvoicePlanContext extends ChangeKeeping {
  mode: ImportMode;
  newId: IdFactory;
  /** The line's raw cells by field, for error values. */
  raw: Partial<Record<string, string>>;
}

/** Defaults of a new invoice whose cell is empty. */
const DEFAULT_CURRENCY = 'EUR';
const DEFAULT_STATUS = 'open';

/**
 * Plans one invoices line: finds its customer (creating it, source `invoice`, when missing), adds the contact
 * email to the customer's contacts when new, then creates the invoice or updates the fields the line gives.
 */
export function planInvoiceLine(
  ws: WorkingSet,
  line: NormalisedInvoiceLine,
  ctx: InvoicePlanContext,
): LineOutcome {
  const invoice = ws.invoice(line.number);
  if (invoice && ctx.mode === 'create_only') return { status: 'unchanged', changes: [] };
  const { errors, resolution } = checkLine(ws, line, invoice, ctx);
  if (errors.length > 0) return { status: 'error', errors };

  const changes: RecordChange[] = [];
  let customer: CustomerState | undefined = resolution?.found;
  if (resolution && !customer) customer = createCustomerFor(ws, line, ctx, changes, 'invoice');
  else if (customer && resolution?.found && resolution.attachExternalId && line.customerExternalId) {
    const attached = updateCustomer(ws, customer, { externalId: line.customerExternalId });
    if (attached.status === 'updated') changes.push(...attached.changes);
  }
  // checkLine refused a line that names no customer for a new invoice: one of the two is there.
  const customerId = customer?.id ?? invoice?.customerId ?? '';
  if (line.contactEmail !== undefined && !ws.contact(customerId, line.contactEmail)) {
    const contact = newContact(ws, { id: customerId }, line.contactEmail, ctx.newId());
    changes.push(creation(ctx, 'contact', contact, contactSnapshot));
  }
  const fields: Partial<InvoiceFields> = {
    customerId: customer?.id,
    issueDate: line.issueDate,
    dueDate: line.dueDate,
    amount: line.amount,
    currency: line.currency,
    status: line.status,
  };
  if (!invoice) {
    const created = createInvoice(ws, line.number, fields, ctx.newId());
    changes.push(creation(ctx, 'invoice', created, invoiceSnapshot));
    return { status: 'created', changes };
  }
  const diff = patchRecord<InvoiceFields>(invoice, fields);
  if (diff) {
    invoice.dirty = true;
    changes.push({ entity: 'invoice', recordId: invoice.id, action: 'updated', ...diff });
  }
  return { status: changes.length > 0 ? 'updated' : 'unchanged', changes };
}

/** Every reason to refuse the line, and how its customer cells resolved (undefined: the line names none). */
function checkLine(
  ws: WorkingSet,
  line: NormalisedInvoiceLine,
  invoice: InvoiceState | undefined,
  ctx: InvoicePlanContext,
): { errors: LineError[]; resolution: Resolution | undefined } {
  const { mode, raw } = ctx;
  const errors: LineError[] = [];
  if (!invoice && mode === 'update_only') {
    errors.push({ field: 'number', code: 'invoice_not_found', value: line.number });
  }
  let resolution: Resolution | undefined;
  if (line.customerNameKey !== undefined || line.customerExternalId !== undefined) {
    resolution = resolveCustomer(ws, {
      externalId: line.customerExternalId,
      nameKey: line.customerNameKey,
      nameField: 'customerName',
      externalIdField: 'customerExternalId',
    });
    if (!resolution.found && resolution.error) errors.push(resolution.error);
    else if (!resolution.found && mode === 'update_only') {
      errors.push({
        field: line.customerExternalId !== undefined ? 'customerExternalId' : 'customerName',
        code: 'customer_not_found',
        value: line.customerExternalId ?? line.customerName ?? '',
      });
    } else if (!resolution.found && line.customerName === undefined) {
      errors.push({
        field: 'customerExternalId',
        code: 'customer_name_required_to_create',
        value: line.customerExternalId ?? '',
      });
    }
  } else if (!invoice) {
    errors.push({ field: 'customerName', code: 'missing_customer', value: '' });
  }
  if (!invoice) {
    for (const field of ['issueDate', 'dueDate', 'amount'] as const) {
      if (line[field] === undefined)
        errors.push({ field, code: 'invoice_required_to_create', value: '', params: { field } });
    }
  }
  // A line giving one date is checked against the other as stored (both given was checked with the cells).
  const issueDate = line.issueDate ?? invoice?.issueDate;
  const dueDate = line.dueDate ?? invoice?.dueDate;
  const oneGiven = (line.issueDate === undefined) !== (line.dueDate === undefined);
  if (oneGiven && issueDate !== undefined && dueDate !== undefined && dueDate < issueDate) {
    const field = line.dueDate !== undefined ? 'dueDate' : 'issueDate';
    errors.push({ field, code: 'invoice_due_before_issue', value: raw[field] ?? '', params: { issueDate } });
  }
  return { errors, resolution };
}

function createInvoice(
  ws: WorkingSet,
  number: string,
  fields: Partial<InvoiceFields>,
  id: string,
): InvoiceState {
  const i: InvoiceState = {
    id,
    number,
    customerId: fields.customerId ?? '',
    issueDate: fields.issueDate ?? '',
    dueDate: fields.dueDate ?? '',
    amount: fields.amount ?? '',
    currency: fields.currency ?? DEFAULT_CURRENCY,
    status: fields.status ?? DEFAULT_STATUS,
    isNew: true,
    dirty: true,
  };
  ws.addInvoice(i);
  return i;
}

/** The stored fields of an invoice, without bookkeeping flags. */
export function invoiceSnapshot(i: InvoiceState): Record<string, unknown> {
  const { id: _id, isNew: _n, dirty: _d, ...fields } = i;
  return fields;
}
