import type { LineError } from '../lines/types.ts';
import { closestName } from '../values/closest-name.ts';
import type { CustomerState, References } from './types.ts';
import type { WorkingSet } from './working-set.ts';

/** How a line names its customer. */
export interface CustomerRef {
  externalId?: string | undefined;
  nameKey?: string | undefined;
  /** The file's column of the name and of the external ID, for error messages. */
  nameField: string;
  externalIdField: string;
  nameValue?: string | undefined;
}

/** The customer a line designates, whether its external ID must be attached, or why it cannot be found. */
export type Resolution =
  | { found: CustomerState; attachExternalId: boolean }
  | { found: undefined; error?: LineError };

/**
 * Finds a line's customer: by external ID when the line has one, else by normalised name. A new external ID on a
 * customer found by name that has none is attached to it; found by name with another external ID is a conflict.
 */
export function resolveCustomer(ws: WorkingSet, ref: CustomerRef): Resolution {
  if (ref.externalId !== undefined) {
    const byId = ws.customerByExternalId(ref.externalId);
    if (byId) return { found: byId, attachExternalId: false };
    const byName = ref.nameKey === undefined ? undefined : ws.customerByNameKey(ref.nameKey);
    if (!byName) return { found: undefined };
    if (byName.externalId === null) return { found: byName, attachExternalId: true };
    return {
      found: undefined,
      error: {
        field: ref.externalIdField,
        code: 'external_id_conflict',
        value: ref.externalId,
        params: { existing: byName.externalId, name: byName.name },
      },
    };
  }
  const byName = ref.nameKey === undefined ? undefined : ws.customerByNameKey(ref.nameKey);
  return byName ? { found: byName, attachExternalId: false } : { found: undefined };
}

/** The member id of an account-manager email, or the line error that tells how to fix it. */
export function resolveAccountManager(
  refs: References,
  email: string | undefined,
  raw: string,
): { id?: string; error?: LineError } {
  if (email === undefined) return {};
  const id = refs.membersByEmail.get(email);
  return id ? { id } : { error: { field: 'accountManager', code: 'account_manager_not_found', value: raw } };
}

/** The plan id of a plan name, or the line error with the closest plan name as a suggestion. */
export function resolveDunningPlan(
  refs: References,
  key: string | undefined,
  raw: string,
): { id?: string; error?: LineError } {
  if (key === undefined) return {};
  const plan = refs.plansByKey.get(key);
  if (plan) return { id: plan.id };
  const suggestion = closestName(
    raw,
    [...refs.plansByKey.values()].map((p) => p.name),
  );
  return {
    error: {
      field: 'dunningPlan',
      code: 'dunning_plan_not_found',
      value: raw,
      ...(suggestion ? { params: { suggestion } } : {}),
    },
  };
}

/** Sets the given fields on a record and returns the before/after of those that really changed. */
export function patchRecord<T extends object>(
  record: T,
  patch: Partial<T>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  // Most lines of a re-import change nothing: nothing is allocated for them.
  let changes: { before: Record<string, unknown>; after: Record<string, unknown> } | undefined;
  const target = record as Record<string, unknown>;
  const values = patch as Record<string, unknown>;
  for (const key in values) {
    const value = values[key];
    if (value === undefined || sameValue(target[key], value)) continue;
    changes ??= { before: {}, after: {} };
    changes.before[key] = target[key];
    changes.after[key] = value;
    target[key] = value;
  }
  return changes;
}

/** Sets the given fields (those not undefined) on a record, recording nothing: a new record's. */
export function assignGiven<T extends object>(record: T, fields: Partial<T>): void {
  const target = record as Record<string, unknown>;
  const values = fields as Record<string, unknown>;
  for (const key in values) {
    const value = values[key];
    if (value !== undefined) target[key] = value;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
