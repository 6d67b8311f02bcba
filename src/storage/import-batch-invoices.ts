import type { InvoiceState } from '../domain/import-plan/types.ts';
import type { InvoiceStatusName } from '../domain/records/invoice.ts';

/**
 * Set-based reads and writes of the invoices of one batch of invoices lines (see import-batch.ts): one statement
 * over arrays each, whatever the batch's size.
 */

import { type ArrayColumns, type ArrayParam, columnParams, unnestOf } from './pg-array.ts';
import { binaryArray } from './pg-binary-array.ts';
import type { Queryable } from './tenant-pool.ts';

/** The invoices a batch names, by number; dates as YYYY-MM-DD and amounts as exact decimal text. */
export async function loadInvoices(
  db: Queryable,
  organizationId: string,
  numbers: string[],
): Promise<InvoiceState[]> {
  if (numbers.length === 0) return [];
  const { rows } = await db.query<InvoiceDbRow>(
    `select ${INVOICE_COLS} from invoices where organization_id = $1 and number = any($2::text[])`,
    [organizationId, binaryArray('text', numbers)],
  );
  return rows.map(toInvoiceState);
}

/** An invoice's columns as an import reads them (dates and amount as text). */
export interface InvoiceDbRow {
  id: string;
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  amount: string;
  currency: string;
  status: InvoiceStatusName;
}

/** The select list of InvoiceDbRow, from a table with the invoices' columns. */
export const INVOICE_COLS = `id, number, customer_id, issue_date::text as issue_date, due_date::text as due_date,
  amount::text as amount, currency, status`;

export function toInvoiceState(r: InvoiceDbRow): InvoiceState {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    isNew: false,
    dirty: false,
  };
}

/** The invoices' columns as array parameters, in the order of INVOICE_ARRAYS. */
export function invoiceArrays(rows: InvoiceState[]): ArrayParam[] {
  return columnParams(INVOICE_ARRAYS, [
    rows.map((i) => i.id),
    rows.map((i) => i.number),
    rows.map((i) => i.customerId),
    rows.map((i) => i.issueDate),
    rows.map((i) => i.dueDate),
    rows.map((i) => i.amount),
    rows.map((i) => i.currency),
    rows.map((i) => i.status),
  ]);
}

/** An invoice's columns as an import sends them (`invoiceArrays`). */
export const INVOICE_ARRAYS: ArrayColumns = {
  names: ['id', 'number', 'customer_id', 'issue_date', 'due_date', 'amount', 'currency', 'status'],
  types: ['uuid', 'text', 'uuid', 'date', 'date', 'numeric', 'text', 'text'],
};

const INVOICE_UNNEST = unnestOf(INVOICE_ARRAYS, 2, 'u');

/**
 * Writes a batch's invoices: one insert for the new ones, one update for the changed ones. Resolves to whether it
 * sent the update, for `countTouched`.
 */
export async function writeInvoices(
  db: Queryable,
  organizationId: string,
  rows: InvoiceState[],
): Promise<boolean> {
  // Both statements are sent before either is awaited (see "Statement order" in import-batch.ts).
  const sent: Promise<unknown>[] = [];
  const inserts = rows.filter((i) => i.isNew);
  if (inserts.length > 0) {
    sent.push(
      db.query(
        `insert into invoices (organization_id, id, number, customer_id, issue_date, due_date, amount, currency,
           status)
         select $1, u.id, u.number, u.customer_id, u.issue_date, u.due_date, u.amount, u.currency, u.status
         from ${INVOICE_UNNEST}`,
        [organizationId, ...invoiceArrays(inserts)],
      ),
    );
  }
  const updates = rows.filter((i) => !i.isNew);
  if (updates.length > 0) {
    sent.push(
      db.query(
        `update invoices i set customer_id = u.customer_id, issue_date = u.issue_date, due_date = u.due_date,
           amount = u.amount, currency = u.currency, status = u.status, updated_at = now()
         from ${INVOICE_UNNEST}
         where i.organization_id = $1 and i.id = u.id`,
        [organizationId, ...invoiceArrays(updates)],
      ),
    );
  }
  await Promise.all(sent);
  return updates.length > 0;
}
