import type { LineError } from '../lines/types.ts';
import type { InvoiceStatusName } from '../records/invoice.ts';
import type { Position } from '../values/positions.ts';

export type { ImportKind } from '../import-fields.ts';

/** How an import treats existing and unknown records. */
export type ImportMode = 'create_update' | 'create_only' | 'update_only';

/** A customer's importable fields as stored (null: no value). */
export interface CustomerFields {
  name: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatNumber: string | null;
  accountManagerId: string | null;
  dunningPlanId: string | null;
}

/** A customer in the working set. */
export interface CustomerState extends CustomerFields {
  id: string;
  nameKey: string;
  /** Created by this import (not yet in the database before this batch is written). */
  isNew: boolean;
  dirty: boolean;
  /** The fields this batch's lines changed: an existing customer's write sets these and keeps the others. */
  changed: Set<keyof CustomerFields>;
  /** Where a new customer came from, when not from a customers or contacts file ('import'). */
  source?: 'invoice';
}

/** A contact's importable fields as stored. */
export interface ContactFields {
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  reference: string | null;
  positions: Position[];
  isMain: boolean;
}

/** A contact in the working set. */
export interface ContactState extends ContactFields {
  id: string;
  customerId: string;
  isNew: boolean;
  dirty: boolean;
  /** The fields this batch's lines changed: an existing contact's write sets these and keeps the others. */
  changed: Set<keyof ContactFields>;
}

/** An invoice's importable fields as stored (dates YYYY-MM-DD, amount with two decimals). */
export interface InvoiceFields {
  customerId: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  currency: string;
  status: InvoiceStatusName;
}

/** An invoice in the working set; its number identifies it in the organization. */
export interface InvoiceState extends InvoiceFields {
  id: string;
  number: string;
  isNew: boolean;
  dirty: boolean;
}

/** The kinds of record an import line changes (the change log's `entity`). */
export type ChangeEntity = 'customer' | 'contact' | 'invoice';

/** One record change made by a line: what it was before (changed fields only) and what it became. */
export interface RecordChange {
  entity: ChangeEntity;
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/** What one line did. */
export type LineOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; changes: RecordChange[] }
  | { status: 'error'; errors: LineError[] };

/** The organization's members and plans, for assignment values. */
export interface References {
  membersByEmail: ReadonlyMap<string, string>;
  plansByKey: ReadonlyMap<string, { id: string; name: string }>;
}

/** Makes new record ids (random UUIDs in production, predictable ones in tests). */
export type IdFactory = () => string;
