import type { ContactState, CustomerState } from '../domain/import-plan/types.ts';
import type { Position } from '../domain/values/positions.ts';
import type { Customer } from './schema.ts';

/**
 * Set-based reads and writes of one batch of import lines: each is one statement over arrays (`unnest`), so a
 * batch costs a handful of round trips whatever its size.
 */

import type { Queryable } from './tenant-pool.ts';

const CUSTOMER_COLS = `id, name, name_key, external_id, email, phone, address_line1, address_line2, postal_code, city,
  country, vat_number, account_manager_id, dunning_plan_id`;

// The stored customer columns an import reads, typed from the table itself.
type CustomerDbRow = Pick<
  Customer,
  | 'id'
  | 'name'
  | 'name_key'
  | 'external_id'
  | 'email'
  | 'phone'
  | 'address_line1'
  | 'address_line2'
  | 'postal_code'
  | 'city'
  | 'country'
  | 'vat_number'
  | 'account_manager_id'
  | 'dunning_plan_id'
>;

function toCustomerState(r: CustomerDbRow): CustomerState {
  return {
    id: r.id,
    name: r.name,
    nameKey: r.name_key,
    externalId: r.external_id,
    email: r.email,
    phone: r.phone,
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    vatNumber: r.vat_number,
    accountManagerId: r.account_manager_id,
    dunningPlanId: r.dunning_plan_id,
    isNew: false,
    dirty: false,
  };
}

/** The customers a batch may designate: by external ID or by name key. */
export async function loadCustomers(
  db: Queryable,
  organizationId: string,
  externalIds: string[],
  nameKeys: string[],
): Promise<CustomerState[]> {
  if (externalIds.length === 0 && nameKeys.length === 0) return [];
  const { rows } = await db.query<CustomerDbRow>(
    `select ${CUSTOMER_COLS} from customers
      where organization_id = $1 and (external_id = any($2::text[]) or name_key = any($3::text[]))`,
    [organizationId, externalIds, nameKeys],
  );
  return rows.map(toCustomerState);
}

/** The contacts of these customers that a batch may touch: those with the batch's emails, and the main ones. */
export async function loadContacts(
  db: Queryable,
  organizationId: string,
  customerIds: string[],
  emails: string[],
): Promise<ContactState[]> {
  if (customerIds.length === 0) return [];
  const { rows } = await db.query<{
    id: string;
    customer_id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
    phone: string | null;
    reference: string | null;
    positions: Position[];
    is_main: boolean;
  }>(
    `select id, customer_id, email, first_name, last_name, phone, reference, positions, is_main from contacts
      where organization_id = $1 and customer_id = any($2::uuid[]) and (email = any($3::text[]) or is_main)`,
    [organizationId, customerIds, emails],
  );
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone,
    reference: r.reference,
    positions: r.positions,
    isMain: r.is_main,
    isNew: false,
    dirty: false,
  }));
}

function customerArrays(rows: CustomerState[]): unknown[] {
  return [
    rows.map((c) => c.id),
    rows.map((c) => c.name),
    rows.map((c) => c.nameKey),
    rows.map((c) => c.externalId),
    rows.map((c) => c.email),
    rows.map((c) => c.phone),
    rows.map((c) => c.addressLine1),
    rows.map((c) => c.addressLine2),
    rows.map((c) => c.postalCode),
    rows.map((c) => c.city),
    rows.map((c) => c.country),
    rows.map((c) => c.vatNumber),
    rows.map((c) => c.accountManagerId),
    rows.map((c) => c.dunningPlanId),
  ];
}

const CUSTOMER_UNNEST = `unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::uuid[])
  as u(id, name, name_key, external_id, email, phone, address_line1, address_line2, postal_code, city, country,
       vat_number, account_manager_id, dunning_plan_id)`;

/** Inserts the customers a batch created, with where they came from (a file line, or an invoice's line). */
export async function insertCustomers(
  db: Queryable,
  organizationId: string,
  rows: CustomerState[],
): Promise<void> {
  for (const source of ['import', 'invoice'] as const) {
    const part = rows.filter((c) => (c.source ?? 'import') === source);
    if (part.length === 0) continue;
    await db.query(
      `insert into customers (organization_id, ${CUSTOMER_COLS}, source)
       select $1, u.*, $16 from ${CUSTOMER_UNNEST}`,
      [organizationId, ...customerArrays(part), source],
    );
  }
}

/** Writes the final state of the customers a batch changed. */
export async function updateCustomers(
  db: Queryable,
  organizationId: string,
  rows: CustomerState[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update customers c set name = u.name, name_key = u.name_key, external_id = u.external_id, email = u.email,
       phone = u.phone, address_line1 = u.address_line1, address_line2 = u.address_line2,
       postal_code = u.postal_code, city = u.city, country = u.country, vat_number = u.vat_number,
       account_manager_id = u.account_manager_id, dunning_plan_id = u.dunning_plan_id, updated_at = now()
     from ${CUSTOMER_UNNEST}
     where c.organization_id = $1 and c.id = u.id`,
    [organizationId, ...customerArrays(rows)],
  );
}

function contactArrays(rows: ContactState[]): unknown[] {
  return [
    rows.map((c) => c.id),
    rows.map((c) => c.customerId),
    rows.map((c) => c.email),
    rows.map((c) => c.firstName),
    rows.map((c) => c.lastName),
    rows.map((c) => c.phone),
    rows.map((c) => c.reference),
    rows.map((c) => c.positions.join(',')),
    rows.map((c) => c.isMain),
  ];
}

const CONTACT_UNNEST = `unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::boolean[])
  as u(id, customer_id, email, first_name, last_name, phone, reference, positions, is_main)`;

/**
 * Writes a batch's contacts. Contacts losing the main flag are written first, so that the one-main-contact
 * index never sees two main contacts of one customer at once.
 */
export async function writeContacts(
  db: Queryable,
  organizationId: string,
  rows: ContactState[],
): Promise<void> {
  const updates = rows.filter((c) => !c.isNew);
  const losingMain = updates.filter((c) => !c.isMain);
  const others = updates.filter((c) => c.isMain);
  for (const part of [losingMain, others]) {
    if (part.length === 0) continue;
    await db.query(
      `update contacts k set email = u.email, first_name = u.first_name, last_name = u.last_name, phone = u.phone,
         reference = u.reference, positions = coalesce(string_to_array(nullif(u.positions, ''), ','), '{}')::text[],
         is_main = u.is_main, updated_at = now()
       from ${CONTACT_UNNEST}
       where k.organization_id = $1 and k.id = u.id`,
      [organizationId, ...contactArrays(part)],
    );
  }
  const inserts = rows.filter((c) => c.isNew);
  if (inserts.length === 0) return;
  await db.query(
    `insert into contacts (organization_id, id, customer_id, email, first_name, last_name, phone, reference,
       positions, is_main)
     select $1, u.id, u.customer_id, u.email, u.first_name, u.last_name, u.phone, u.reference,
       coalesce(string_to_array(nullif(u.positions, ''), ','), '{}')::text[], u.is_main
     from ${CONTACT_UNNEST}`,
    [organizationId, ...contactArrays(inserts)],
  );
}

/** Customers, contacts and invoices created and updated by the current transaction (its writes carry its timestamp). */
export async function countTouched(
  db: Queryable,
  organizationId: string,
): Promise<{
  customers: { created: number; updated: number };
  contacts: { created: number; updated: number };
  invoices: { created: number; updated: number };
}> {
  const { rows } = await db.query<{ entity: string; created: number; updated: number }>(
    `select 'customers' as entity,
            count(*) filter (where created_at = now()::timestamptz(3))::int as created,
            count(*) filter (where created_at <> now()::timestamptz(3))::int as updated
       from customers where organization_id = $1 and updated_at = now()::timestamptz(3)
     union all
     select 'contacts',
            count(*) filter (where created_at = now()::timestamptz(3))::int,
            count(*) filter (where created_at <> now()::timestamptz(3))::int
       from contacts where organization_id = $1 and updated_at = now()::timestamptz(3)
     union all
     select 'invoices',
            count(*) filter (where created_at = now()::timestamptz(3))::int,
            count(*) filter (where created_at <> now()::timestamptz(3))::int
       from invoices where organization_id = $1 and updated_at = now()::timestamptz(3)`,
    [organizationId],
  );
  const get = (e: string) => {
    const r = rows.find((x) => x.entity === e);
    return { created: r?.created ?? 0, updated: r?.updated ?? 0 };
  };
  return { customers: get('customers'), contacts: get('contacts'), invoices: get('invoices') };
}

/** Stores refused lines through the client holding the import's transaction (an apply's errors are atomic). */
export async function insertLineErrorsIn(
  db: Queryable,
  rows: {
    organization_id: string;
    import_id: string;
    line: number;
    seq: number;
    field: string | null;
    column_name: string | null;
    value: string | null;
    code: string;
    params: string | null;
    cells: string | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into import_line_errors (organization_id, import_id, line, seq, field, column_name, value, code, params, cells)
     select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::smallint[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::jsonb[], $10::jsonb[])`,
    [
      rows.map((r) => r.organization_id),
      rows.map((r) => r.import_id),
      rows.map((r) => r.line),
      rows.map((r) => r.seq),
      rows.map((r) => r.field),
      rows.map((r) => r.column_name),
      rows.map((r) => r.value),
      rows.map((r) => r.code),
      rows.map((r) => r.params),
      rows.map((r) => r.cells),
    ],
  );
}

/** Removes an import's refused lines through the client holding its transaction. */
export async function deleteLineErrorsIn(
  db: Queryable,
  organizationId: string,
  importId: string,
): Promise<void> {
  await db.query('delete from import_line_errors where organization_id = $1 and import_id = $2', [
    organizationId,
    importId,
  ]);
}
