import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Customer, CustomerUpdate, DB, NewCustomer } from './schema.ts';

/** The sort orders of the customer list. */
export type CustomerSort = 'name' | 'createdAt' | 'updatedAt';

/** A page request of the customer list; `after` is the last row's sort key of the previous page. */
export interface CustomerListQuery {
  search?: string | undefined;
  searchKey?: string | undefined;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  limit: number;
  after?: { value: string; id: string } | undefined;
  withoutContacts?: boolean | undefined;
  withoutMainContact?: boolean | undefined;
  withContactWithoutPosition?: boolean | undefined;
}

/** A customer row with what the list shows next to it. */
export type CustomerListRow = Customer & {
  contact_count: number;
  main_contact_email: string | null;
  account_manager_email: string | null;
  dunning_plan_name: string | null;
};

const SORT_COLUMN = { name: 'c.name_key', createdAt: 'c.created_at', updatedAt: 'c.updated_at' } as const;

function listBase(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('members as m', (j) =>
      j.onRef('m.organization_id', '=', 'c.organization_id').onRef('m.id', '=', 'c.account_manager_id'),
    )
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('dunning_plans as p', (j) =>
      j.onRef('p.organization_id', '=', 'c.organization_id').onRef('p.id', '=', 'c.dunning_plan_id'),
    )
    .where('c.organization_id', '=', organizationId)
    .selectAll('c')
    .select((eb) => [
      'u.email as account_manager_email',
      'p.name as dunning_plan_name',
      eb
        .selectFrom('contacts as k')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('k.organization_id', '=', 'c.organization_id')
        .whereRef('k.customer_id', '=', 'c.id')
        .as('contact_count'),
      eb
        .selectFrom('contacts as k')
        .select('k.email')
        .whereRef('k.organization_id', '=', 'c.organization_id')
        .whereRef('k.customer_id', '=', 'c.id')
        .where('k.is_main', '=', true)
        .as('main_contact_email'),
    ]);
}

/** One page of the organization's customers, searched, filtered and sorted, keyset-paginated. */
export async function listCustomers(
  db: Kysely<DB>,
  organizationId: string,
  q: CustomerListQuery,
): Promise<CustomerListRow[]> {
  const col = SORT_COLUMN[q.sort];
  let query = listBase(db, organizationId);
  if (q.search) {
    // Names match anywhere (the trigram index, on lower(name_key): see migration 0020); external IDs and emails
    // match from their start (btree prefix).
    const like = `${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const keyLike = `%${(q.searchKey ?? q.search).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // One index-friendly query per kind of match, united: an OR across them made the planner scan every customer.
    const matches = sql<string>`(
      select id from customers where organization_id = ${organizationId} and lower(name_key) like ${keyLike}
      union
      select id from customers where organization_id = ${organizationId} and lower(external_id) like ${like}
      union
      select customer_id from contacts where organization_id = ${organizationId} and email like ${like}
    )`;
    query = query.where('c.id', 'in', matches);
  }
  if (q.withoutContacts) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.organization_id', '=', 'c.organization_id')
            .whereRef('k.customer_id', '=', 'c.id'),
        ),
      ),
    );
  }
  if (q.withoutMainContact) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.organization_id', '=', 'c.organization_id')
            .whereRef('k.customer_id', '=', 'c.id')
            .where('k.is_main', '=', true),
        ),
      ),
    );
  }
  if (q.withContactWithoutPosition) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contacts as k')
          .select(sql`1`.as('one'))
          .whereRef('k.organization_id', '=', 'c.organization_id')
          .whereRef('k.customer_id', '=', 'c.id')
          .where(sql<boolean>`k.positions = '{}'`),
      ),
    );
  }
  if (q.after) {
    const cmp = q.order === 'asc' ? '>' : '<';
    const value = q.sort === 'name' ? q.after.value : new Date(q.after.value);
    query = query.where(
      (eb) =>
        sql<SqlBool>`(${eb.ref(col)}, c.id) ${sql.raw(cmp)} (${value}, ${q.after?.id}::uuid)` as Expression<SqlBool>,
    );
  }
  return (await query
    .orderBy(col, q.order)
    .orderBy('c.id', q.order)
    .limit(q.limit)
    .execute()) as CustomerListRow[];
}

/** One customer with the names shown beside it. */
export async function findCustomerRow(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<CustomerListRow | undefined> {
  return (await listBase(db, organizationId).where('c.id', '=', id).executeTakeFirst()) as
    | CustomerListRow
    | undefined;
}

function customerQuery(db: Kysely<DB>, organizationId: string, id: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
}

/** One customer, plain. */
export async function findCustomer(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<Customer | undefined> {
  return customerQuery(db, organizationId, id).executeTakeFirst();
}

/** The customer with this normalised name. */
export async function findCustomerByNameKey(db: Kysely<DB>, organizationId: string, key: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('name_key', '=', key)
    .executeTakeFirst();
}

/** The customer with this external ID. */
export async function findCustomerByExternalId(db: Kysely<DB>, organizationId: string, externalId: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** Inserts a customer. */
export async function insertCustomer(db: Kysely<DB>, values: NewCustomer): Promise<Customer> {
  return db.insertInto('customers').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates a customer; undefined when it does not exist in the organization. */
export async function updateCustomer(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
  values: CustomerUpdate,
): Promise<Customer | undefined> {
  return db
    .updateTable('customers')
    .set({ ...values, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a customer and, by cascade, its contacts and invoices. */
export async function deleteCustomer(db: Kysely<DB>, organizationId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('customers')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** One customer, locked until the transaction ends (to know exactly what an edit or delete changes). */
export async function lockCustomer(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<Customer | undefined> {
  return customerQuery(db, organizationId, id).forUpdate().executeTakeFirst();
}
