import type { NormalisedContactLine } from '../lines/contacts.ts';
import type { LineError } from '../lines/types.ts';
import { customerSnapshot, updateCustomer } from './customers.ts';
import { assignGiven, patchRecord, resolveCustomer } from './resolve.ts';
import {
  type ChangeKeeping,
  CONTACT_FIELD_BITS,
  type ContactFields,
  type ContactState,
  type CustomerState,
  creation,
  type IdFactory,
  type ImportMode,
  type LineOutcome,
  markChanged,
  type RecordChange,
} from './types.ts';
import type { WorkingSet } from './working-set.ts';

/** The lines of this import that made a contact main, per customer: a second, different one is an error. */
export type MainLines = Map<string, { line: number; email: string }>;

/** What planning a contacts line needs besides the line. */
export interface ContactPlanContext extends ChangeKeeping {
  mode: ImportMode;
  newId: IdFactory;
  line: number;
  mainLines: MainLines;
  /** Fields the organization's source system owns: ignored here (the caller warns), and unknown contacts refused. */
  lockedMainInfo?: boolean;
  /** The main-contact column is owned by the integration: ignored. */
  ignoreMainFlag?: boolean;
}

/** Plans one contacts line: finds or creates its customer, then creates or updates the contact. */
export function planContactLine(
  ws: WorkingSet,
  line: NormalisedContactLine,
  ctx: ContactPlanContext,
): LineOutcome {
  const errors: LineError[] = [];
  const resolution = resolveCustomer(ws, {
    externalId: line.customerExternalId,
    nameKey: line.customerNameKey,
    nameField: 'customerName',
    externalIdField: 'customerExternalId',
  });
  if (!resolution.found && resolution.error) errors.push(resolution.error);
  const customer = resolution.found;
  if (!customer && !resolution.error) {
    if (ctx.mode === 'update_only' || ctx.lockedMainInfo) {
      errors.push({
        field: line.customerExternalId !== undefined ? 'customerExternalId' : 'customerName',
        code: 'customer_not_found',
        value: line.customerExternalId ?? line.customerName ?? '',
      });
    } else if (line.customerName === undefined) {
      errors.push({
        field: 'customerExternalId',
        code: 'customer_name_required_to_create',
        value: line.customerExternalId ?? '',
      });
    }
  }
  const contact = customer ? ws.contact(customer.id, line.email) : undefined;
  if (!contact && (ctx.mode === 'update_only' || ctx.lockedMainInfo) && customer) {
    errors.push({
      field: 'email',
      code: ctx.lockedMainInfo ? 'contact_not_found_source_locked' : 'contact_not_found',
      value: line.email,
    });
  }
  const isMain = ctx.ignoreMainFlag ? undefined : line.isMain;
  if (isMain === true && customer) {
    const previous = ctx.mainLines.get(customer.id);
    if (previous && previous.email !== line.email) {
      errors.push({
        field: 'isMain',
        code: 'duplicate_main_contact',
        value: 'main',
        params: { line: previous.line, email: previous.email },
      });
    }
  }
  if (errors.length > 0) return { status: 'error', errors };
  if (ctx.mode === 'create_only' && contact) return { status: 'unchanged', changes: [] };

  const changes: RecordChange[] = [];
  const target = customer ?? createCustomerFor(ws, line, ctx, changes);
  if (customer && resolution.found && resolution.attachExternalId && line.customerExternalId !== undefined) {
    const attached = updateCustomer(ws, customer, { externalId: line.customerExternalId });
    if (attached.status === 'updated') changes.push(...attached.changes);
  }
  const fields: Partial<ContactFields> = ctx.lockedMainInfo
    ? { positions: line.positions }
    : {
        firstName: line.firstName,
        lastName: line.lastName,
        phone: line.phone,
        reference: line.reference,
        positions: line.positions,
      };
  if (isMain === false) fields.isMain = false;
  const created = !contact;
  const c = contact ?? newContact(ws, target, line.email, ctx.newId());
  // A new contact takes the given fields, with no before and after to record (its change is its snapshot).
  let diff: ReturnType<typeof patchRecord> | undefined;
  if (created) assignGiven(c, fields);
  else diff = patchRecord<ContactFields>(c, fields);
  if (diff) markChanged(c, CONTACT_FIELD_BITS, Object.keys(diff.after) as (keyof ContactFields)[]);
  if (isMain === false && diff?.after.isMain === false) ws.clearMain(target.id);
  const mainDiff = isMain === true ? makeMain(ws, target, c, changes) : undefined;
  if (created) {
    changes.push(creation(ctx, 'contact', c, contactSnapshot));
  } else if (diff || mainDiff) {
    c.dirty = true;
    changes.push({
      entity: 'contact',
      recordId: c.id,
      action: 'updated',
      before: { ...diff?.before, ...mainDiff?.before },
      after: { ...diff?.after, ...mainDiff?.after },
    });
  }
  if (isMain === true) ctx.mainLines.set(target.id, { line: ctx.line, email: line.email });
  if (created) return { status: 'created', changes };
  return { status: changes.length > 0 ? 'updated' : 'unchanged', changes };
}

/** Creates the customer a line names but that does not exist yet, recording the creation in `changes`. */
export function createCustomerFor(
  ws: WorkingSet,
  line: { customerName?: string; customerNameKey?: string; customerExternalId?: string },
  ctx: ChangeKeeping & { newId: IdFactory },
  changes: RecordChange[],
  source?: CustomerState['source'],
): CustomerState {
  const c: CustomerState = {
    id: ctx.newId(),
    nameKey: line.customerNameKey ?? '',
    isNew: true,
    dirty: true,
    changed: 0,
    name: line.customerName ?? '',
    externalId: line.customerExternalId ?? null,
    email: null,
    phone: null,
    addressLine1: null,
    addressLine2: null,
    postalCode: null,
    city: null,
    country: null,
    vatNumber: null,
    accountManagerId: null,
    dunningPlanId: null,
    ...(source ? { source } : {}),
  };
  ws.addCustomer(c);
  changes.push(creation(ctx, 'customer', c, customerSnapshot));
  return c;
}

/** A new contact of a customer with only its email, added to the working set (its fields are set after). */
export function newContact(
  ws: WorkingSet,
  customer: Pick<CustomerState, 'id'>,
  email: string,
  id: string,
): ContactState {
  const c = blankContact(id, customer.id, email);
  ws.addContact(c);
  return c;
}

/** A contact with only its id, customer and email, new (its fields are set after). */
export function blankContact(id: string, customerId: string, email: string): ContactState {
  return {
    id,
    customerId,
    email,
    firstName: null,
    lastName: null,
    phone: null,
    reference: null,
    positions: [],
    isMain: false,
    isNew: true,
    dirty: true,
    changed: 0,
  };
}

/** Makes `c` main, clearing the customer's previous main contact (a change recorded on this line). */
function makeMain(
  ws: WorkingSet,
  customer: CustomerState,
  c: ContactState,
  changes: RecordChange[],
): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  if (c.isMain) return undefined;
  const previous = ws.mainContact(customer.id);
  if (previous && previous !== c) {
    previous.isMain = false;
    previous.dirty = true;
    markChanged(previous, CONTACT_FIELD_BITS, ['isMain']);
    changes.push({
      entity: 'contact',
      recordId: previous.id,
      action: 'updated',
      before: { isMain: true },
      after: { isMain: false },
    });
  }
  c.isMain = true;
  markChanged(c, CONTACT_FIELD_BITS, ['isMain']);
  ws.setMain(c);
  return { before: { isMain: false }, after: { isMain: true } };
}

/** The stored fields of a contact, without bookkeeping flags (nulls and empty lists left out). */
export function contactSnapshot(c: ContactState): Record<string, unknown> {
  // A loop over known fields: this runs for every contact an import creates, and the rest/entries/filter chain
  // it replaces made four short-lived objects per contact.
  const out: Record<string, unknown> = { customerId: c.customerId };
  // The stored fields after customerId, in their one order (CONTACT_FIELD_BITS).
  for (const field of CONTACT_FIELD_BITS) {
    const v = c[field];
    if (v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[field] = v;
  }
  return out;
}
