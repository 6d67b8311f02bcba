import type { NormalisedCustomerLine } from '../lines/customers.ts';
import type { LineError } from '../lines/types.ts';
import { CUSTOMER_EDIT_FIELDS } from '../records/customer.ts';
import { patchRecord, resolveAccountManager, resolveCustomer, resolveDunningPlan } from './resolve.ts';
import {
  type ChangeKeeping,
  CUSTOMER_FIELD_BITS,
  type CustomerFields,
  type CustomerState,
  creation,
  type IdFactory,
  type ImportMode,
  type LineOutcome,
  markChanged,
  type References,
} from './types.ts';
import type { WorkingSet } from './working-set.ts';

/** What planning a customers line needs besides the line. */
export interface CustomerPlanContext extends ChangeKeeping {
  mode: ImportMode;
  refs: References;
  newId: IdFactory;
  /** The line's raw cells by field, for error values. */
  raw: Partial<Record<string, string>>;
}

/** The fields of a customer a customers line may set (empty cells are absent: they never erase). */
function lineFields(
  line: NormalisedCustomerLine,
  refIds: { accountManagerId?: string | undefined; dunningPlanId?: string | undefined },
): Partial<CustomerFields> {
  return {
    name: line.name,
    externalId: line.externalId,
    email: line.email,
    phone: line.phone,
    addressLine1: line.addressLine1,
    addressLine2: line.addressLine2,
    postalCode: line.postalCode,
    city: line.city,
    country: line.country,
    vatNumber: line.vatNumber,
    accountManagerId: refIds.accountManagerId,
    dunningPlanId: refIds.dunningPlanId,
  };
}

/** Plans one customers line against the working set, applying it there when it has no error. */
export function planCustomerLine(
  ws: WorkingSet,
  line: NormalisedCustomerLine,
  ctx: CustomerPlanContext,
): LineOutcome {
  const errors: LineError[] = [];
  const manager = resolveAccountManager(ctx.refs, line.accountManager, ctx.raw.accountManager ?? '');
  const plan = resolveDunningPlan(ctx.refs, line.dunningPlanKey, ctx.raw.dunningPlan ?? '');
  if (manager.error) errors.push(manager.error);
  if (plan.error) errors.push(plan.error);
  const resolution = resolveCustomer(ws, {
    externalId: line.externalId,
    nameKey: line.customerNameKey,
    nameField: 'name',
    externalIdField: 'externalId',
  });
  if (!resolution.found && resolution.error) errors.push(resolution.error);
  const fields = lineFields(line, { accountManagerId: manager.id, dunningPlanId: plan.id });
  const existing = resolution.found;
  if (!existing) {
    if (ctx.mode === 'update_only' && !resolution.error) {
      errors.push({ field: 'name', code: 'customer_not_found', value: line.name });
    }
    if (errors.length > 0) return { status: 'error', errors };
    return createCustomer(ws, fields, line.customerNameKey, ctx);
  }
  // Renaming onto another customer's name would merge two customers: refuse the line instead.
  const other = ws.customerByNameKey(line.customerNameKey);
  if (other && other !== existing) {
    errors.push({
      field: 'name',
      code: 'customer_name_taken',
      value: line.name,
      params: { name: other.name },
    });
  }
  if (errors.length > 0) return { status: 'error', errors };
  if (ctx.mode === 'create_only') return { status: 'unchanged', changes: [] };
  // A name that only differs by case, accents or spacing is the same name: the stored spelling stays (an ERP's
  // "SOCIETE GENERALE" must not overwrite "Société Générale"). Only a real rename, by external ID, changes it.
  if (line.customerNameKey === existing.nameKey) delete fields.name;
  return updateCustomer(ws, existing, fields, line.customerNameKey);
}

function createCustomer(
  ws: WorkingSet,
  fields: Partial<CustomerFields>,
  nameKey: string,
  ctx: ChangeKeeping & { newId: IdFactory },
): LineOutcome {
  const c: CustomerState = {
    id: ctx.newId(),
    nameKey,
    isNew: true,
    dirty: true,
    changed: 0,
    name: fields.name ?? '',
    externalId: fields.externalId ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    addressLine1: fields.addressLine1 ?? null,
    addressLine2: fields.addressLine2 ?? null,
    postalCode: fields.postalCode ?? null,
    city: fields.city ?? null,
    country: fields.country ?? null,
    vatNumber: fields.vatNumber ?? null,
    accountManagerId: fields.accountManagerId ?? null,
    dunningPlanId: fields.dunningPlanId ?? null,
  };
  ws.addCustomer(c);
  return {
    status: 'created',
    changes: [creation(ctx, 'customer', c, customerSnapshot)],
  };
}

/** Applies given fields to an existing customer; unchanged when every given value is already stored. */
export function updateCustomer(
  ws: WorkingSet,
  c: CustomerState,
  fields: Partial<CustomerFields>,
  nameKey?: string,
): LineOutcome {
  const previous = { externalId: c.externalId, nameKey: c.nameKey };
  const diff = patchRecord<CustomerFields>(c, fields);
  if (!diff) return { status: 'unchanged', changes: [] };
  markChanged(c, CUSTOMER_FIELD_BITS, Object.keys(diff.after) as (keyof CustomerFields)[]);
  if (nameKey !== undefined) c.nameKey = nameKey;
  ws.reindexCustomer(c, previous);
  c.dirty = true;
  return {
    status: 'updated',
    changes: [
      { entity: 'customer', recordId: c.id, action: 'updated', before: diff.before, after: diff.after },
    ],
  };
}

// A customer's stored fields in the order its snapshot lists them: those a person edits, then its references.
const CUSTOMER_SNAPSHOT_FIELDS = [
  ...CUSTOMER_EDIT_FIELDS,
  'accountManagerId',
  'dunningPlanId',
] as const satisfies readonly (keyof CustomerFields)[];

/** The stored fields of a customer, without bookkeeping flags (nulls left out). */
export function customerSnapshot(c: CustomerState): Record<string, unknown> {
  // A loop over known fields (see contactSnapshot).
  const out: Record<string, unknown> = {};
  for (const field of CUSTOMER_SNAPSHOT_FIELDS) {
    const v = c[field];
    if (v !== null) out[field] = v;
  }
  return out;
}
