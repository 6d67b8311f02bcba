import type { ContactState, CustomerState, ImportKind, InvoiceState } from '../domain/import-plan/types.ts';
import {
  type CustomerKeys,
  countTouched,
  insertCustomers,
  loadContacts,
  loadCustomers,
  type RecordsCreated,
  type TouchedCounts,
  updateCustomers,
  writeContacts,
} from './import-batch.ts';
import { loadInvoices, writeInvoices } from './import-batch-invoices.ts';
import { analyzeInTransaction, TABLES_FILLED } from './statistics.ts';
import type { Queryable } from './tenant-pool.ts';

/**
 * Where the import engine reads the records a batch designates and writes what its lines did: the organization's
 * tables for an apply (`tableStore`), or a preview's temporary tables laid over them (`previewStore()` in
 * import-preview-store.ts, one per preview). Every write sends all of its statements before its first await (see
 * "Statement order" in import-batch.ts).
 */
export interface ImportStore {
  /** Run once in the import's transaction before its first batch. */
  prepare(db: Queryable, organizationId: string): Promise<void>;
  /**
   * The customers a batch designates by its keys; they, and the customers of the invoices it names, are the
   * customers of the reads of contacts and main lines sent after it (BATCH_CUSTOMER_IDS in import-batch.ts).
   */
  loadCustomers(db: Queryable, organizationId: string, keys: CustomerKeys): Promise<CustomerState[]>;
  /** The contacts of the batch's customers that it may touch (its emails, and the main ones). */
  loadContacts(db: Queryable, organizationId: string, emails: string[]): Promise<ContactState[]>;
  loadInvoices(db: Queryable, organizationId: string, numbers: string[]): Promise<InvoiceState[]>;
  insertCustomers(db: Queryable, organizationId: string, rows: CustomerState[]): Promise<void>;
  updateCustomers(db: Queryable, organizationId: string, rows: CustomerState[]): Promise<void>;
  /** Resolves to whether it sent an update of stored records (as the invoices' write). */
  writeContacts(
    db: Queryable,
    organizationId: string,
    rows: ContactState[],
    newCustomerIds: ReadonlySet<string>,
  ): Promise<boolean>;
  writeInvoices(db: Queryable, organizationId: string, rows: InvoiceState[]): Promise<boolean>;
  /**
   * Whether the tables this store writes need their statistics refreshed only once (see StatisticsSchedule): true
   * when they hold nothing but the import's own rows.
   */
  readonly statisticsOnce: boolean;
  /** Refreshes the planner's statistics of what the import wrote; false when it could not (see statistics.ts). */
  refreshStatistics(db: Queryable, kind: ImportKind, opts: { wait: boolean }): Promise<boolean>;
  /** The records the import created and updated, given those it created and the tables it sent updates to. */
  countTouched(
    db: Queryable,
    organizationId: string,
    created: RecordsCreated,
    updatesSent: ReadonlySet<keyof RecordsCreated>,
  ): Promise<TouchedCounts>;
}

/** The organization's own tables: what an apply writes and commits. */
export const tableStore: ImportStore = {
  prepare: async () => {},
  loadCustomers,
  loadContacts,
  loadInvoices,
  insertCustomers,
  updateCustomers,
  writeContacts,
  writeInvoices,
  // The organization's rows and other organizations' share the tables: refreshed as the import grows.
  statisticsOnce: false,
  refreshStatistics: (db, kind, opts) => analyzeInTransaction(db, TABLES_FILLED[kind], opts),
  countTouched,
};
