import {
  CONTACT_FIELD_BITS,
  type ContactState,
  CUSTOMER_FIELD_BITS,
  type CustomerState,
  hasChanged,
} from '../domain/import-plan/types.ts';
import type { Position } from '../domain/values/positions.ts';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS } from './columns.ts';
import {
  type ArrayColumns,
  type ArrayElement,
  type ArrayParam,
  columnParams,
  pgArray,
  unnestOf,
  withColumn,
} from './pg-array.ts';
import { binaryArray } from './pg-binary-array.ts';
import type { Contact, Customer } from './schema.ts';

/**
 * Set-based reads and writes of one batch of import lines: each is one statement over arrays (`unnest`), so a
 * batch costs a handful of round trips whatever its size.
 *
 * Statement order: the engine overlaps batches on the import's one connection, queueing the next batch's reads
 * behind this batch's writes (the connection runs statements in the order they were sent). So every write function
 * here sends all of its statements before its first await: an await between two of them would let the next batch's
 * read slip in between and miss the second one.
 */

import type { Queryable } from './tenant-pool.ts';

/** A customer's columns as an import reads and sends them (`customerArrays`). */
export const CUSTOMER_ARRAYS: ArrayColumns = {
  names: [
    'id',
    'name',
    'name_key',
    'external_id',
    'email',
    'phone',
    'address_line1',
    'address_line2',
    'postal_code',
    'city',
    'country',
    'vat_number',
    'account_manager_id',
    'dunning_plan_id',
  ],
  types: [
    'uuid',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'uuid',
    'uuid',
  ],
};

export const CUSTOMER_COLS = CUSTOMER_ARRAYS.names.join(', ');

// The stored customer columns an import reads, typed from the table itself.
export type CustomerDbRow = Pick<
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

export function toCustomerState(r: CustomerDbRow): CustomerState {
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
    changed: 0,
  };
}

/**
 * The ids of the customers the batch being read designates (BATCH_CUSTOMER_IDS), kept by its read of customers
 * for its reads of contacts and main lines, sent at once behind it: no round trip between them (see runEngine),
 * and the keys are looked up once.
 */
export const BATCH_CUSTOMERS_TABLE = `create temporary table if not exists import_batch_customers (
  id uuid not null
) on commit drop`;

/** The ids in import_batch_customers, as an array (an index scan of `= any` whatever the statistics). */
export const BATCH_CUSTOMER_IDS = 'array(select id from import_batch_customers)';

/**
 * Empties import_batch_customers before a batch's read of customers fills it (sent just before that read, without
 * waiting: see "Statement order" above). A TRUNCATE rather than a DELETE: rows deleted by the transaction that is
 * still running stay in the table's pages until it ends, and every later batch's reads of the table went through
 * them all, a re-import's 333,000 rows by its last batch (a synthetic 500 batches of 667 ids: 1.3 s per hundred
 * batches by the end, against 0.14 s truncated). Truncating a temporary table made by the same transaction
 * empties its file in place.
 */
export function clearBatchCustomers(db: Queryable): Promise<unknown> {
  const cleared = db.query('truncate import_batch_customers');
  // Its failure fails the read sent after it (the transaction is aborted): that is the one reported.
  cleared.catch(() => undefined);
  return cleared;
}

/**
 * The customers a batch may designate, by external ID or by name key; their ids, and those of the customers of
 * the invoices it names, fill import_batch_customers (emptied first, see clearBatchCustomers).
 */
export async function loadCustomers(
  db: Queryable,
  organizationId: string,
  keys: CustomerKeys,
): Promise<CustomerState[]> {
  const cleared = clearBatchCustomers(db);
  const { rows } = await db.query<CustomerDbRow>(
    `with found as (
       select ${CUSTOMER_COLS} from customers
        where organization_id = $1 and (external_id = any($2::text[]) or name_key = any($3::text[]))),
     kept as (
       insert into import_batch_customers
       select id from found
       union select customer_id from invoices where organization_id = $1 and number = any($4::text[]))
     select * from found`,
    customerKeyParams(organizationId, keys),
  );
  await cleared;
  return rows.map(toCustomerState);
}

/** A contact's columns as an import reads them, typed from the table (positions as one comma-separated text). */
export type ContactDbRow = Pick<
  Contact,
  'id' | 'customer_id' | 'email' | 'first_name' | 'last_name' | 'phone' | 'reference' | 'is_main'
> & { positions: string };

export function toContactState(r: ContactDbRow): ContactState {
  return {
    id: r.id,
    customerId: r.customer_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone,
    reference: r.reference,
    positions: r.positions === '' ? [] : (r.positions.split(',') as Position[]),
    isMain: r.is_main,
    isNew: false,
    dirty: false,
    changed: 0,
  };
}

/**
 * The keys by which a batch's lines designate customers: their own (external ID, name key) and, for invoices
 * lines, the numbers of invoices, whose customers they keep.
 */
export interface CustomerKeys {
  externalIds: string[];
  nameKeys: string[];
  invoiceNumbers: string[];
}

/** The parameters of a batch's read of customers: $1 to $4. */
export function customerKeyParams(organizationId: string, keys: CustomerKeys): ArrayParam[] {
  return [
    organizationId,
    binaryArray('text', keys.externalIds),
    binaryArray('text', keys.nameKeys),
    binaryArray('text', keys.invoiceNumbers),
  ];
}

/**
 * The contacts a batch may touch: of the customers its read of customers kept (BATCH_CUSTOMER_IDS), those with
 * the batch's emails, and the main ones.
 */
export async function loadContacts(
  db: Queryable,
  organizationId: string,
  emails: string[],
): Promise<ContactState[]> {
  const { rows } = await db.query<ContactDbRow>(
    // Positions as one text: pg's array parser reads it character by character, about 6% of the garbage of a
    // re-import. They come from a fixed list of words (a check constraint), so a comma cannot be inside one.
    `select id, customer_id, email, first_name, last_name, phone, reference,
            array_to_string(positions, ',') as positions, is_main from contacts
      where organization_id = $1 and customer_id = any(${BATCH_CUSTOMER_IDS})
        and (email = any($2::text[]) or is_main)`,
    [organizationId, binaryArray('text', emails)],
  );
  return rows.map(toContactState);
}

/** The customers' columns, one array of values each, in the order of CUSTOMER_COLS. */
function customerColumns(rows: CustomerState[]): ArrayElement[][] {
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

/** The customers' columns as array parameters, in the order of CUSTOMER_COLS. */
export function customerArrays(rows: CustomerState[]): ArrayParam[] {
  return columnParams(CUSTOMER_ARRAYS, customerColumns(rows));
}

/** Inserts the customers a batch created, with where they came from (a file line, or an invoice's line). */
export async function insertCustomers(
  db: Queryable,
  organizationId: string,
  rows: CustomerState[],
): Promise<void> {
  const sent: Promise<unknown>[] = [];
  for (const source of ['import', 'invoice'] as const) {
    const part = rows.filter((c) => (c.source ?? 'import') === source);
    if (part.length === 0) continue;
    sent.push(
      db.query(
        `insert into customers (organization_id, ${CUSTOMER_COLS}, source)
         select $1, u.*, $16 from ${unnestOf(CUSTOMER_ARRAYS, 2, 'u')}`,
        [organizationId, ...customerArrays(part), source],
      ),
    );
  }
  await Promise.all(sent);
}

/**
 * `column = new value` when the record's lines changed the field of bit `bit`, else the value the row holds when
 * the update locks it: an edit committed since the batch read the row (of a field the import leaves alone)
 * survives.
 */
function setIfChanged(table: string, bit: number, column: string, value = `u.${column}`): string {
  return `${column} = case when u.changed & ${1 << bit} <> 0 then ${value} else ${table}.${column} end`;
}

// The matching key follows the name.
const CUSTOMER_SET = CUSTOMER_FIELD_BITS.flatMap((field, bit) =>
  (field === 'name' ? ['name', 'name_key'] : [CUSTOMER_COLUMNS[field]]).map((column) =>
    setIfChanged('c', bit, column),
  ),
).join(', ');

const CUSTOMER_UPDATE_ARRAYS = withColumn(CUSTOMER_ARRAYS, 'changed', 'int');

/** Writes, for each customer a batch changed, the fields its lines changed (the others keep their stored value). */
export async function updateCustomers(
  db: Queryable,
  organizationId: string,
  rows: CustomerState[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `update customers c set ${CUSTOMER_SET}, updated_at = now()
     from ${unnestOf(CUSTOMER_UPDATE_ARRAYS, 2, 'u')}
     where c.organization_id = $1 and c.id = u.id`,
    [
      organizationId,
      ...columnParams(CUSTOMER_UPDATE_ARRAYS, [...customerColumns(rows), rows.map((c) => c.changed)]),
    ],
  );
}

/** The contacts' columns, one array of values each (positions as one comma-separated text each). */
function contactColumns(rows: ContactState[]): ArrayElement[][] {
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

/** The contacts' columns as array parameters, in the order of CONTACT_ARRAYS. */
export function contactArrays(rows: ContactState[]): ArrayParam[] {
  return columnParams(CONTACT_ARRAYS, contactColumns(rows));
}

/** A contact's columns as an import sends them (`contactArrays`: positions as one comma-separated text). */
export const CONTACT_ARRAYS: ArrayColumns = {
  names: [
    'id',
    'customer_id',
    'email',
    'first_name',
    'last_name',
    'phone',
    'reference',
    'positions',
    'is_main',
  ],
  types: ['uuid', 'uuid', 'text', 'text', 'text', 'text', 'text', 'text', 'boolean'],
};

const CONTACT_UPDATE_ARRAYS = withColumn(CONTACT_ARRAYS, 'changed', 'int');

/** The rows of `contactArrays` (with each row's changed bits when `changed`), from parameter `$first` on. */
function contactUnnest(first: number, alias: string, changed: boolean): string {
  return unnestOf(changed ? CONTACT_UPDATE_ARRAYS : CONTACT_ARRAYS, first, alias);
}

function positionsOf(alias: string): string {
  return `coalesce(string_to_array(nullif(${alias}.positions, ''), ','), '{}')::text[]`;
}

const CONTACT_SET = CONTACT_FIELD_BITS.map((field, bit) =>
  setIfChanged('k', bit, CONTACT_COLUMNS[field], field === 'positions' ? positionsOf('u') : undefined),
).join(', ');

/** The update of existing contacts (parameters $2 to $11), set-based, writing only the fields their lines changed. */
const CONTACT_UPDATE = `update contacts k set ${CONTACT_SET}, updated_at = now()
  from ${contactUnnest(2, 'u', true)}
  where k.organization_id = $1 and k.id = u.id`;

function contactUpdateArrays(rows: ContactState[]): ArrayParam[] {
  return columnParams(CONTACT_UPDATE_ARRAYS, [...contactColumns(rows), rows.map((c) => c.changed)]);
}

/**
 * Writes a batch's contacts. Every writer of the main flag locks the customer's row first (see
 * lockCustomerForMainContact): the import locks the customers of all the contacts it writes, in id order, before
 * writing any, so a change of main contact made by hand is either committed before (and the statements below see
 * it) or waits for the import's commit, and the two never wait for each other in a cycle. Then come the contacts
 * losing the main flag, with any other main contact of a customer getting a new one (one set by hand since the
 * batch read them), so that the one-main-contact index never sees two; then the other updates and the new
 * contacts. An update writes only the fields its contact's lines changed.
 *
 * The customers the batch created (`newCustomerIds`) are left out of the locking and of the search for other main
 * contacts: no other transaction sees them yet, and all their contacts are in the batch.
 *
 * Resolves to whether it sent a statement that may change stored contacts (an update), for `countTouched`.
 */
export async function writeContacts(
  db: Queryable,
  organizationId: string,
  rows: ContactState[],
  newCustomerIds: ReadonlySet<string>,
): Promise<boolean> {
  if (rows.length === 0) return false;
  const sent: Promise<unknown>[] = [];
  const existing = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => !newCustomerIds.has(id));
  const toLock = existing(rows.map((c) => c.customerId));
  if (toLock.length > 0) {
    sent.push(
      db.query(
        `select id from customers where organization_id = $1 and id = any($2::uuid[]) order by id for no key update`,
        [organizationId, binaryArray('uuid', toLock)],
      ),
    );
  }
  const updates = rows.filter((c) => !c.isNew);
  const inserts = rows.filter((c) => c.isNew);
  const losing = updates.filter((c) => hasChanged(c, CONTACT_FIELD_BITS, 'isMain') && !c.isMain);
  const gaining = [
    ...updates.filter((c) => hasChanged(c, CONTACT_FIELD_BITS, 'isMain') && c.isMain),
    ...inserts.filter((c) => c.isMain),
  ];
  const gainingCustomers = existing(gaining.map((c) => c.customerId));
  const othersLosing = (customers: number, kept: number) =>
    `update contacts o set is_main = false, updated_at = now()
      where o.organization_id = $1 and o.customer_id = any($${customers}::uuid[]) and o.is_main
        and o.id <> all($${kept}::uuid[])`;
  // The contacts that keep or take the flag; built only when a statement below sends it (most batches of a first
  // import have new main contacts of new customers only, and send neither).
  const keep = () =>
    binaryArray(
      'uuid',
      [...gaining, ...losing].map((c) => c.id),
    );
  // As below, the update of the contacts losing the flag is only sent with rows.
  if (losing.length > 0) {
    sent.push(
      db.query(`with others as (${othersLosing(12, 13)}) ${CONTACT_UPDATE}`, [
        organizationId,
        ...contactUpdateArrays(losing),
        binaryArray('uuid', gainingCustomers),
        keep(),
      ]),
    );
  } else if (gainingCustomers.length > 0) {
    sent.push(db.query(othersLosing(2, 3), [organizationId, binaryArray('uuid', gainingCustomers), keep()]));
  }
  const lost = new Set(losing);
  const rest = updates.filter((c) => !lost.has(c));
  // One statement for both when both have rows; a part without rows is left out, never sent empty: an update
  // joined to an empty array has been planned as a walk through all the organization's contacts (both sides
  // estimated at one row), at every batch of a first import.
  if (rest.length > 0 && inserts.length > 0) {
    sent.push(
      db.query(`with inserted as (${contactInsert(12)}) ${CONTACT_UPDATE}`, [
        organizationId,
        ...contactUpdateArrays(rest),
        ...contactArrays(inserts),
      ]),
    );
  } else if (rest.length > 0) {
    sent.push(db.query(CONTACT_UPDATE, [organizationId, ...contactUpdateArrays(rest)]));
  } else if (inserts.length > 0) {
    sent.push(db.query(contactInsert(2), [organizationId, ...contactArrays(inserts)]));
  }
  await Promise.all(sent);
  return losing.length > 0 || gainingCustomers.length > 0 || rest.length > 0;
}

/** The insert of new contacts, their `contactArrays` from parameter `$first` on. */
function contactInsert(first: number): string {
  return `insert into contacts (organization_id, id, customer_id, email, first_name, last_name, phone, reference,
      positions, is_main)
    select $1, n.id, n.customer_id, n.email, n.first_name, n.last_name, n.phone, n.reference,
      ${positionsOf('n')}, n.is_main
    from ${contactUnnest(first, 'n', false)}`;
}

/** Records an import inserted, per table: counted as it sends the inserts (each creates exactly one). */
export interface RecordsCreated {
  customers: number;
  contacts: number;
  invoices: number;
}

/** The records an import created and updated, per table. */
export interface TouchedCounts {
  customers: { created: number; updated: number };
  contacts: { created: number; updated: number };
  invoices: { created: number; updated: number };
}

/**
 * Customers, contacts and invoices created and updated by the current transaction. The rows it wrote are those whose
 * current version it made (`xmin`); of those, the ones it created are known to the caller, the rest it updated.
 * (Telling them apart by timestamps is not enough: an import that waited for another one of the organization can
 * share its start's millisecond, and would count the other's new rows as its own.)
 *
 * Only the tables the import sent an update to (`updatesSent`) are read: in the others it updated nothing, and
 * reading them walks every row of the organization (1.5 to 2 s after a million-line first import, which updates
 * nothing).
 */
export async function countTouched(
  db: Queryable,
  organizationId: string,
  created: RecordsCreated,
  updatesSent: ReadonlySet<keyof RecordsCreated>,
): Promise<TouchedCounts> {
  // updated_at = now() narrows the rows to read (every write of the transaction sets it); xmin decides.
  const tables = (['customers', 'contacts', 'invoices'] as const).filter((t) => updatesSent.has(t));
  const { rows } =
    tables.length === 0
      ? { rows: [] }
      : await db.query<{ entity: keyof RecordsCreated; touched: number }>(
          tables
            .map(
              (t) => `select '${t}' as entity, count(*)::int as touched from ${t}
                 where organization_id = $1 and updated_at = now()::timestamptz(3)
                   and xmin = pg_current_xact_id()::xid`,
            )
            .join(' union all '),
          [organizationId],
        );
  const get = (e: keyof RecordsCreated) => {
    const touched = rows.find((x) => x.entity === e)?.touched;
    return { created: created[e], updated: touched === undefined ? 0 : touched - created[e] };
  };
  return { customers: get('customers'), contacts: get('contacts'), invoices: get('invoices') };
}

/** One refused value of a line (`seq` orders a line's errors; the line's cells are kept with its first). */
export interface LineErrorRow {
  line: number;
  seq: number;
  field: string | null;
  columnName: string | null;
  value: string | null;
  code: string;
  params: Record<string, unknown> | null;
  cells: string[] | null;
}

/**
 * Stores an import's refused lines, through the client holding its transaction for an apply (its errors are
 * atomic), or another one for a preview (they outlive its rollback).
 */
export async function insertLineErrorsIn(
  db: Queryable,
  organizationId: string,
  importId: string,
  rows: LineErrorRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into import_line_errors (organization_id, import_id, line, seq, field, column_name, value, code, params, cells)
     select $1, $2, u.* from unnest($3::int[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::text[],
                                    $9::jsonb[], $10::jsonb[])
       as u(line, seq, field, column_name, value, code, params, cells)`,
    [
      organizationId,
      importId,
      ...[
        rows.map((r) => r.line),
        rows.map((r) => r.seq),
        rows.map((r) => r.field),
        rows.map((r) => r.columnName),
        rows.map((r) => r.value),
        rows.map((r) => r.code),
        rows.map((r) => r.params),
        rows.map((r) => r.cells),
      ].map(pgArray),
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
