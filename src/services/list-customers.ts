import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { cleanText, nameKey } from '../domain/text.ts';
import { type CustomerListRow, type CustomerSort, listCustomers } from '../storage/customers.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { type CustomerView, customerView } from './customer-view.ts';

/** The query of the customer list. */
export const customerListQuery = z.object({
  q: z.string().max(200).optional(),
  sort: z.enum(['name', 'createdAt', 'updatedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  withoutContacts: z.stringbool().optional(),
  withoutMainContact: z.stringbool().optional(),
  withContactWithoutPosition: z.stringbool().optional(),
});

const cursorSchema = z.object({ v: z.string(), id: z.uuid(), s: z.enum(['name', 'createdAt', 'updatedAt']) });

function sortValue(row: CustomerListRow, sort: CustomerSort): string {
  if (sort === 'createdAt') return new Date(row.created_at).toISOString();
  if (sort === 'updatedAt') return new Date(row.updated_at).toISOString();
  return row.name_key;
}

/**
 * A page of customers, searched on name, external ID and contact email, sorted, and paginated by an opaque
 * cursor (keyset: pages stay fast and stable while rows are added).
 */
export async function listOrganizationCustomers(
  ctx: ServiceContext,
  actor: Actor,
  q: z.output<typeof customerListQuery>,
): Promise<Result<{ items: CustomerView[]; nextCursor: string | null }>> {
  ctx = inOrganization(ctx, actor);
  let after: { value: string; id: string } | undefined;
  if (q.cursor) {
    try {
      const c = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
      if (c.s !== q.sort) return fail('invalid_cursor');
      after = { value: c.v, id: c.id };
    } catch {
      return fail('invalid_cursor');
    }
  }
  const search = q.q ? cleanText(q.q) : '';
  const rows = await listCustomers(ctx.db, actor.organizationId, {
    search: search || undefined,
    searchKey: search ? nameKey(search) : undefined,
    sort: q.sort,
    order: q.order,
    limit: q.limit + 1,
    after,
    withoutContacts: q.withoutContacts,
    withoutMainContact: q.withoutMainContact,
    withContactWithoutPosition: q.withContactWithoutPosition,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(JSON.stringify({ v: sortValue(last, q.sort), id: last.id, s: q.sort })).toString(
          'base64url',
        )
      : null;
  const items = page.map(customerView);
  return ok({ items, nextCursor });
}
