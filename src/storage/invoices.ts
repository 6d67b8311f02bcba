import { type Kysely, sql } from 'kysely';
import type { DB, Invoice, NewInvoice } from './schema.ts';

/** The sum of a customer's invoices in one currency (an exact decimal string). */
export interface BalanceRow {
  currency: string;
  amount: string;
  count: number;
}

/** The invoice with this number in the organization. */
export async function findInvoiceByNumber(
  db: Kysely<DB>,
  organizationId: string,
  number: string,
): Promise<Invoice | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Inserts an invoice. */
export async function insertInvoice(db: Kysely<DB>, values: NewInvoice): Promise<Invoice> {
  return db.insertInto('invoices').values(values).returningAll().executeTakeFirstOrThrow();
}

/** One page of a customer's invoices, latest issued first; `after` is the last row of the previous page. */
export async function listInvoicesOfCustomer(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  page: { limit: number; after?: { issueDate: string; id: string } | undefined },
): Promise<Invoice[]> {
  let q = db
    .selectFrom('invoices')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId);
  const after = page.after;
  if (after) q = q.where(sql<boolean>`(issue_date, id) < (${after.issueDate}::date, ${after.id}::uuid)`);
  return q.orderBy('issue_date', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** What a customer still owes: the sum of its open invoices, per currency (numeric sums stay exact). */
export async function openBalanceOfCustomer(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
): Promise<BalanceRow[]> {
  return db
    .selectFrom('invoices')
    .select(['currency', sql<string>`sum(amount)::text`.as('amount'), sql<number>`count(*)::int`.as('count')])
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .groupBy('currency')
    .orderBy('currency')
    .execute();
}
