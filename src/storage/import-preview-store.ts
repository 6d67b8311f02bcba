import {
  BATCH_CUSTOMER_IDS,
  CONTACT_ARRAYS,
  type ContactDbRow,
  CUSTOMER_ARRAYS,
  CUSTOMER_COLS,
  type CustomerDbRow,
  clearBatchCustomers,
  contactArrays,
  customerArrays,
  customerKeyParams,
  type TouchedCounts,
  toContactState,
  toCustomerState,
} from './import-batch.ts';
import {
  INVOICE_ARRAYS,
  INVOICE_COLS,
  type InvoiceDbRow,
  invoiceArrays,
  toInvoiceState,
} from './import-batch-invoices.ts';
import type { ImportStore } from './import-store.ts';
import { type ArrayColumns, type ArrayParam, unnestOf } from './pg-array.ts';
import { binaryArray } from './pg-binary-array.ts';
import { TABLES_FILLED } from './statistics.ts';
import type { Queryable } from './tenant-pool.ts';

/**
 * A preview's records: what its lines created and changed goes to temporary tables of its transaction, laid over
 * the organization's tables, which it never writes. A batch reads its records from both, a record the preview
 * wrote hiding its stored version, so each line sees what the lines above it did exactly as in an apply (the
 * engine and its planning are the same). Kept in PostgreSQL rather than in memory: a million-line file creates
 * hundreds of thousands of records, and an import's memory must not grow with its file.
 *
 * Why not write the real tables and roll back, as previews did: that costs what an apply costs (the write-ahead
 * log, the trigram index, the foreign-key checks, the other indexes, then vacuuming what was rolled back), about
 * 55 s for a million lines. Temporary tables write no log and keep only the indexes the reads use. What a preview
 * no longer runs is the database's own constraints, which guard against a fault of the planning, not against a
 * line: every check a line can fail runs before (see domain/lines and domain/import-plan).
 *
 * Each row keeps whether this preview created it (`created`), for the counts of records.
 *
 * The contacts' table has no primary key: it receives a row per contact a preview creates (a million for a
 * million-line file), and a unique index of random ids in a temporary table's small buffers cost its inserts more
 * than the reads it served. A contact is found by its customer (the index its reads use) and then its id.
 */
const CREATE = [
  `create temporary table preview_customers (
     id uuid primary key, name text not null, name_key text not null, external_id text, email text, phone text,
     address_line1 text, address_line2 text, postal_code text, city text, country text, vat_number text,
     account_manager_id uuid, dunning_plan_id uuid, created boolean not null
   ) on commit drop`,
  'create index on preview_customers (external_id)',
  'create index on preview_customers (name_key)',
  `create temporary table preview_contacts (
     id uuid not null, customer_id uuid not null, email text not null, first_name text, last_name text,
     phone text, reference text, positions text not null, is_main boolean not null, created boolean not null
   ) on commit drop`,
  'create index on preview_contacts (customer_id)',
  `create temporary table preview_invoices (
     id uuid primary key, number text not null, customer_id uuid not null, issue_date date, due_date date,
     amount numeric, currency text not null, status text not null, created boolean not null
   ) on commit drop`,
  'create index on preview_invoices (number)',
];

const PREVIEW_TABLE = {
  customers: 'preview_customers',
  contacts: 'preview_contacts',
  invoices: 'preview_invoices',
} as const;

/**
 * The insert of rows into a preview table, from the array parameters of `arrays` ($1 on): new records (a key no
 * row has) are inserted plainly; the others replace the row the preview already holds, or are added (all columns
 * but `created`), a conflict check they alone pay.
 */
function previewInsert(table: string, arrays: ArrayColumns, created: boolean, upsert: boolean): string {
  const columns = arrays.names.join(', ');
  const insert = `insert into ${table} (${columns}, created)
    select u.*, ${created} from ${unnestOf(arrays, 1, 'u')}`;
  if (!upsert) return insert;
  const set = arrays.names.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  return `${insert} on conflict (id) do update set ${set.join(', ')}`;
}

/** A table's two writes: its new records, and its changed ones. */
function writesOf(table: string, arrays: ArrayColumns): { created: string; changed: string } {
  return {
    created: previewInsert(table, arrays, true, false),
    changed: previewInsert(table, arrays, false, true),
  };
}

/**
 * The contacts' writes. Without a key to conflict on, a changed contact's row replaces the one the preview holds
 * (found by customer, then id), which keeps whether the preview created it; a stored contact changed for the first
 * time is added.
 */
const CONTACT_WRITES = {
  created: previewInsert(PREVIEW_TABLE.contacts, CONTACT_ARRAYS, true, false),
  changed: `with replaced as (
      delete from preview_contacts p using unnest($1::uuid[], $2::uuid[]) as k(id, customer_id)
       where p.customer_id = k.customer_id and p.id = k.id
      returning p.id, p.created)
    insert into preview_contacts (${CONTACT_ARRAYS.names.join(', ')}, created)
    select u.*, coalesce(r.created, false) from ${unnestOf(CONTACT_ARRAYS, 1, 'u')}
      left join replaced r on r.id = u.id`,
};

const WRITES = {
  customers: writesOf(PREVIEW_TABLE.customers, CUSTOMER_ARRAYS),
  contacts: CONTACT_WRITES,
  invoices: writesOf(PREVIEW_TABLE.invoices, INVOICE_ARRAYS),
};

const CONTACT_COLS = CONTACT_ARRAYS.names.join(', ');

/**
 * Writes a batch's records of one table whole, as the batch left them: new ones, then changed ones (resolving to
 * whether there were any).
 */
async function writeWhole<R extends { isNew: boolean }>(
  db: Queryable,
  statements: { created: string; changed: string },
  rows: R[],
  arrays: (rows: R[]) => ArrayParam[],
): Promise<boolean> {
  const sent: Promise<unknown>[] = [];
  const created = rows.filter((r) => r.isNew);
  const changed = rows.filter((r) => !r.isNew);
  if (created.length > 0) sent.push(db.query(statements.created, arrays(created)));
  if (changed.length > 0) sent.push(db.query(statements.changed, arrays(changed)));
  await Promise.all(sent);
  return changed.length > 0;
}

/**
 * A batch's reads (as the apply's, import-batch.ts): the preview's records laid over the organization's, or, when
 * the organization holds none (see previewStore), the preview's alone, without the organization's id ($1).
 */
const READS = {
  withStored: {
    customers: `with found as (
         select ${CUSTOMER_COLS} from preview_customers
          where external_id = any($2::text[]) or name_key = any($3::text[])
         union all
         select ${CUSTOMER_COLS} from customers c
          where organization_id = $1 and (external_id = any($2::text[]) or name_key = any($3::text[]))
            and not exists (select from preview_customers p where p.id = c.id)),
       kept as (
         insert into import_batch_customers
         select id from found
         union select customer_id from preview_invoices where number = any($4::text[])
         union select customer_id from invoices i
          where organization_id = $1 and number = any($4::text[])
            and not exists (select from preview_invoices p where p.id = i.id))
       select * from found`,
    contacts: `select ${CONTACT_COLS} from preview_contacts
        where customer_id = any(${BATCH_CUSTOMER_IDS}) and (email = any($2::text[]) or is_main)
       union all
       select id, customer_id, email, first_name, last_name, phone, reference,
              array_to_string(positions, ',') as positions, is_main from contacts c
        where organization_id = $1 and customer_id = any(${BATCH_CUSTOMER_IDS})
          and (email = any($2::text[]) or is_main)
          and not exists (select from preview_contacts p where p.customer_id = c.customer_id and p.id = c.id)`,
    invoices: `select ${INVOICE_COLS} from preview_invoices where number = any($2::text[])
       union all
       select ${INVOICE_COLS} from invoices i
        where organization_id = $1 and number = any($2::text[])
          and not exists (select from preview_invoices p where p.id = i.id)`,
  },
  ownOnly: {
    customers: `with found as (
         select ${CUSTOMER_COLS} from preview_customers
          where external_id = any($1::text[]) or name_key = any($2::text[])),
       kept as (
         insert into import_batch_customers
         select id from found
         union select customer_id from preview_invoices where number = any($3::text[]))
       select * from found`,
    contacts: `select ${CONTACT_COLS} from preview_contacts
        where customer_id = any(${BATCH_CUSTOMER_IDS}) and (email = any($1::text[]) or is_main)`,
    invoices: `select ${INVOICE_COLS} from preview_invoices where number = any($1::text[])`,
  },
};

/**
 * A preview's store, one per preview. An organization that holds no customer (so no contact or invoice) when the
 * preview starts (a first import, the largest there is) has nothing of its own for a batch to find: the batches
 * then read only what the preview created, and PostgreSQL neither plans nor runs the other half of each read (0.7
 * to 1.1 s of its CPU per million-line preview, docs/performance.md). Records someone else creates in the
 * organization while such a preview runs are not seen by it, as they would not be by one that ran a moment
 * earlier; the apply reads the tables as they are then.
 */
export function previewStore(): ImportStore {
  // Whether the organization held nothing when the preview started (set by prepare).
  let ownOnly = false;
  const reads = () => (ownOnly ? READS.ownOnly : READS.withStored);
  // A read's parameters, the organization's id first: dropped when the reads do not take it.
  const params = (all: unknown[]) => (ownOnly ? all.slice(1) : all);
  return {
    async prepare(db, organizationId) {
      for (const statement of CREATE) await db.query(statement);
      // Contacts and invoices belong to a customer: an organization without customers holds neither.
      const { rows } = await db.query<{ held: boolean }>(
        'select exists (select from customers where organization_id = $1) as held',
        [organizationId],
      );
      ownOnly = rows[0]?.held === false;
    },

    // As the apply's (import-batch.ts), over the preview's records laid over the organization's.
    async loadCustomers(db, organizationId, keys) {
      const cleared = clearBatchCustomers(db);
      const { rows } = await db.query<CustomerDbRow>(
        reads().customers,
        params(customerKeyParams(organizationId, keys)),
      );
      await cleared;
      return rows.map(toCustomerState);
    },

    async loadContacts(db, organizationId, emails) {
      const { rows } = await db.query<ContactDbRow>(
        reads().contacts,
        params([organizationId, binaryArray('text', emails)]),
      );
      return rows.map(toContactState);
    },

    async loadInvoices(db, organizationId, numbers) {
      if (numbers.length === 0) return [];
      const { rows } = await db.query<InvoiceDbRow>(
        reads().invoices,
        params([organizationId, binaryArray('text', numbers)]),
      );
      return rows.map(toInvoiceState);
    },

    // The engine sends a batch's new customers and its changed ones apart; a customer is either.
    insertCustomers: async (db, _organizationId, rows) => {
      await writeWhole(db, WRITES.customers, rows, customerArrays);
    },
    updateCustomers: async (db, _organizationId, rows) => {
      await writeWhole(db, WRITES.customers, rows, customerArrays);
    },
    writeContacts: (db, _organizationId, rows) => writeWhole(db, WRITES.contacts, rows, contactArrays),
    writeInvoices: (db, _organizationId, rows) => writeWhole(db, WRITES.invoices, rows, invoiceArrays),

    // Temporary tables are never analyzed by autovacuum: without statistics, a batch's read of a few thousand keys
    // is estimated at the whole table and planned as a scan of it. Once is enough: the planner scales what an
    // analyze found by the table's size at each statement, and a preview's tables hold only its own records, in
    // the proportions of its first lines. The engine waits for every write before each refresh: the two later
    // refreshes of a million-line preview cost a third of a second of PostgreSQL's work (135 and 195 ms on tables
    // of 50,000 and 250,000 lines' records) and as long a stop of the batches (docs/performance.md).
    statisticsOnce: true,
    async refreshStatistics(db, kind) {
      const tables = TABLES_FILLED[kind].map((t) => PREVIEW_TABLE[t]);
      if (tables.length > 0) await db.query(`analyze ${tables.join(', ')}`);
      return true;
    },

    async countTouched(db, _organizationId, created) {
      // Over an organization that held nothing, every record the preview touched is one it created: nothing to
      // count (a scan of a million rows, 0.1 to 0.2 s at the end of a first import's million-line preview).
      if (ownOnly) {
        const none = (e: keyof TouchedCounts) => ({ created: created[e], updated: 0 });
        return { customers: none('customers'), contacts: none('contacts'), invoices: none('invoices') };
      }
      const { rows } = await db.query<{ entity: keyof TouchedCounts; updated: number }>(
        `select 'customers' as entity, count(*) filter (where not created)::int as updated from preview_customers
         union all
         select 'contacts', count(*) filter (where not created)::int from preview_contacts
         union all
         select 'invoices', count(*) filter (where not created)::int from preview_invoices`,
      );
      const get = (e: keyof TouchedCounts) => ({
        created: created[e],
        updated: rows.find((r) => r.entity === e)?.updated ?? 0,
      });
      return { customers: get('customers'), contacts: get('contacts'), invoices: get('invoices') };
    },
  };
}
