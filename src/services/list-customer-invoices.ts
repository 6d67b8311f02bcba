import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { findCustomer } from '../storage/customers.ts';
import { listInvoicesOfCustomer, openBalanceOfCustomer } from '../storage/invoices.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { type InvoiceView, invoiceView } from './invoice-view.ts';

/** The query of a customer's invoice list. */
export const customerInvoicesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

/** A page of a customer's invoices with what it still owes. */
export interface CustomerInvoices {
  items: InvoiceView[];
  nextCursor: string | null;
  /** The sum of all its open invoices (not only this page's), per currency: amounts in different currencies never add up. */
  openBalance: { currency: string; amount: string; openInvoices: number }[];
}

const cursorSchema = z.object({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), id: z.uuid() });

/** A customer's invoices, latest issued first, paginated by an opaque cursor, with the open balance. */
export async function listCustomerInvoices(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  q: z.output<typeof customerInvoicesQuery>,
): Promise<Result<CustomerInvoices>> {
  ctx = inOrganization(ctx, actor);
  if (!(await findCustomer(ctx.db, actor.organizationId, customerId))) return fail('not_found');
  let after: { issueDate: string; id: string } | undefined;
  if (q.cursor) {
    try {
      const c = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
      after = { issueDate: c.d, id: c.id };
    } catch {
      return fail('invalid_cursor');
    }
  }
  const rows = await listInvoicesOfCustomer(ctx.db, actor.organizationId, customerId, {
    limit: q.limit + 1,
    after,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(JSON.stringify({ d: last.issue_date, id: last.id })).toString('base64url')
      : null;
  const balance = await openBalanceOfCustomer(ctx.db, actor.organizationId, customerId);
  return ok({
    items: page.map(invoiceView),
    nextCursor,
    openBalance: balance.map((b) => ({ currency: b.currency, amount: b.amount, openInvoices: b.count })),
  });
}
