import type { ChangeEntity } from '../domain/import-plan/types.ts';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, INVOICE_COLUMNS } from './columns.ts';

/** Row-level reads and writes a revert needs, on the client that holds the revert's transaction. */

import type { Queryable } from './tenant-pool.ts';

const COLUMNS = { customer: CUSTOMER_COLUMNS, contact: CONTACT_COLUMNS, invoice: INVOICE_COLUMNS } as const;

const TABLE = { customer: 'customers', contact: 'contacts', invoice: 'invoices' } as const;

/**
 * Locks the customers of these contacts until the transaction ends, in id order, before the revert writes any of
 * the contacts: the order in which every writer of a customer's main contact locks (see writeContacts).
 */
export async function lockCustomersOfContacts(
  db: Queryable,
  organizationId: string,
  contactIds: string[],
): Promise<void> {
  if (contactIds.length === 0) return;
  await db.query(
    `select c.id from customers c
      where c.organization_id = $1
        and c.id in (select customer_id from contacts where organization_id = $1 and id = any($2::uuid[]))
      order by c.id for no key update of c`,
    [organizationId, contactIds],
  );
}

/**
 * When each record was last changed (absent: deleted since), locking it until the transaction ends: an edit can no
 * longer slip in between this check and the revert's write.
 */
export async function lastChanged(
  db: Queryable,
  organizationId: string,
  entity: ChangeEntity,
  ids: string[],
): Promise<Map<string, Date>> {
  const { rows } = await db.query<{ id: string; updated_at: Date }>(
    `select id, updated_at from ${TABLE[entity]} where organization_id = $1 and id = any($2::uuid[])
      order by id for no key update`,
    [organizationId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.updated_at]));
}

/** Sets some fields of a record back (without touching updated_at's meaning: it is set to now). */
export async function restoreFields(
  db: Queryable,
  organizationId: string,
  entity: ChangeEntity,
  id: string,
  values: Record<string, unknown>,
  nameKey?: string,
): Promise<void> {
  const columns = COLUMNS[entity] as Record<string, string>;
  const sets: string[] = [];
  const params: unknown[] = [organizationId, id];
  for (const [field, value] of Object.entries(values)) {
    const column = columns[field];
    if (!column) continue;
    params.push(value ?? (field === 'positions' ? [] : null));
    sets.push(`${column} = $${params.length}`);
  }
  if (nameKey !== undefined) {
    params.push(nameKey);
    sets.push(`name_key = $${params.length}`);
  }
  if (sets.length === 0) return;
  await db.query(
    `update ${TABLE[entity]} set ${sets.join(', ')}, updated_at = now() where organization_id = $1 and id = $2`,
    params,
  );
}

/** Whether a customer still has contacts or invoices (which deleting it would take along). */
export async function customerHasDependents(
  db: Queryable,
  organizationId: string,
  id: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from contacts where organization_id = $1 and customer_id = $2
     union all select 1 from invoices where organization_id = $1 and customer_id = $2 limit 1`,
    [organizationId, id],
  );
  return rows.length > 0;
}

/** Deletes a record. */
export async function deleteRecord(
  db: Queryable,
  organizationId: string,
  entity: ChangeEntity,
  id: string,
): Promise<void> {
  await db.query(`delete from ${TABLE[entity]} where organization_id = $1 and id = $2`, [organizationId, id]);
}

/** Whether another contact of this contact's customer is main now. */
export async function otherMainContactExists(
  db: Queryable,
  organizationId: string,
  contactId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from contacts k join contacts me on me.organization_id = k.organization_id
        and me.customer_id = k.customer_id
      where me.organization_id = $1 and me.id = $2 and k.is_main and k.id <> me.id limit 1`,
    [organizationId, contactId],
  );
  return rows.length > 0;
}
