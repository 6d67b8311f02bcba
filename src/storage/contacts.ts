import type { Kysely } from 'kysely';
import type { Contact, ContactUpdate, DB, NewContact } from './schema.ts';

/** The contacts of a customer, main contact first, then by email. */
export async function listContactsOfCustomer(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
): Promise<Contact[]> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .orderBy('is_main', 'desc')
    .orderBy('email')
    .execute();
}

function contactQuery(db: Kysely<DB>, organizationId: string, customerId: string, id: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id);
}

/** One contact of a customer. */
export async function findContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  id: string,
): Promise<Contact | undefined> {
  return contactQuery(db, organizationId, customerId, id).executeTakeFirst();
}

/** Inserts a contact. */
export async function insertContact(db: Kysely<DB>, values: NewContact): Promise<Contact> {
  return db.insertInto('contacts').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates a contact of a customer. */
export async function updateContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  id: string,
  values: ContactUpdate,
): Promise<Contact | undefined> {
  return db
    .updateTable('contacts')
    .set({ ...values, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Locks a customer's row until the transaction ends, before its main contact changes: every writer of the main flag
 * (these edits, an import, a revert) takes it first, so two of them never switch one customer's main contact at once.
 */
export async function lockCustomerForMainContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
): Promise<void> {
  await db
    .selectFrom('customers')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', customerId)
    .forNoKeyUpdate()
    .execute();
}

/** Clears the main flag of a customer's contacts except one (before making that one main). */
export async function clearMainContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  exceptId?: string,
): Promise<void> {
  let q = db
    .updateTable('contacts')
    .set({ is_main: false, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('is_main', '=', true);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

/** Deletes a contact of a customer. */
export async function deleteContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  id: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('contacts')
    .where('organization_id', '=', organizationId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** One contact of a customer, locked until the transaction ends (to know exactly what an edit changes). */
export async function lockContact(
  db: Kysely<DB>,
  organizationId: string,
  customerId: string,
  id: string,
): Promise<Contact | undefined> {
  return contactQuery(db, organizationId, customerId, id).forUpdate().executeTakeFirst();
}
