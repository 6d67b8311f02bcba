import type { LineError } from '../lines/types.ts';
import { CUSTOMER_EDIT_FIELDS } from '../records/customer.ts';
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
  /**
   * The fields this batch's lines changed, bit i for CUSTOMER_FIELD_BITS[i] (see markChanged): an existing
   * customer's write sets these and keeps the others. Left at 0 for a new one, written whole.
   */
  changed: number;
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
  /**
   * The fields this batch's lines changed, bit i for CONTACT_FIELD_BITS[i] (see markChanged): an existing contact's
   * write sets these and keeps the others. Left at 0 for a new one, written whole.
   */
  changed: number;
}

/** The order of a customer's fields in its `changed` bits: those edited by hand, then its references. */
export const CUSTOMER_FIELD_BITS = [
  ...CUSTOMER_EDIT_FIELDS,
  'accountManagerId',
  'dunningPlanId',
] as const satisfies readonly (keyof CustomerFields)[];

/** The order of a contact's fields in its `changed` bits, and in its snapshot (contactSnapshot). */
export const CONTACT_FIELD_BITS = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'reference',
  'positions',
  'isMain',
] as const satisfies readonly (keyof ContactFields)[];

/** The `changed` bits of these fields, bit i for `order[i]`. */
export function fieldBits<F extends string>(order: readonly F[], fields: Iterable<F>): number {
  let bits = 0;
  for (const field of fields) {
    const bit = order.indexOf(field);
    if (bit < 0) throw new Error(`no changed bit for ${field}`);
    bits |= 1 << bit;
  }
  return bits;
}

/**
 * Records that a batch's lines changed these fields of a stored record (its `changed` bits). A record the import
 * creates is written whole: its bits stay 0, and creating a million records makes no set of fields each.
 */
export function markChanged<F extends string>(
  record: { isNew: boolean; changed: number },
  order: readonly F[],
  fields: Iterable<F>,
): void {
  if (!record.isNew) record.changed |= fieldBits(order, fields);
}

/** Whether a batch's lines changed this field of a stored record. */
export function hasChanged<F extends string>(
  record: { changed: number },
  order: readonly F[],
  field: F,
): boolean {
  return (record.changed & (1 << order.indexOf(field))) !== 0;
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

/**
 * The `after` of a created record's change when nothing keeps the changes (a preview): what counts there is the
 * line's status, and a snapshot per record created (a million-line preview makes 1.3 million) was garbage the
 * collector had to go through.
 */
export const SNAPSHOT_NOT_KEPT: Readonly<Record<string, unknown>> = Object.freeze({});

/** Whether the changes a line records are kept (an apply's change log) or only counted (a preview). */
export interface ChangeKeeping {
  /** False when nothing keeps the changes: created records get SNAPSHOT_NOT_KEPT instead of their snapshot. */
  keepChanges: boolean;
}

/** The change recording that a line created `record`: its snapshot as `after`, when the changes are kept. */
export function creation<R extends { id: string }>(
  ctx: ChangeKeeping,
  entity: ChangeEntity,
  record: R,
  snapshot: (record: R) => Record<string, unknown>,
): RecordChange {
  return {
    entity,
    recordId: record.id,
    action: 'created',
    before: null,
    after: ctx.keepChanges ? snapshot(record) : SNAPSHOT_NOT_KEPT,
  };
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
