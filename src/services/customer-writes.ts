import type { Kysely } from 'kysely';
import type { CustomerEditField } from '../domain/records/customer.ts';
import { fail, invalidFields, type Result } from '../domain/result.ts';
import { nameKey } from '../domain/text.ts';
import { CUSTOMER_COLUMNS } from '../storage/columns.ts';
import { findCustomerByExternalId, findCustomerByNameKey } from '../storage/customers.ts';
import type { CustomerUpdate, DB } from '../storage/schema.ts';
import { constraintOf, isUniqueViolation } from './errors.ts';

/** Turns a validated patch into column values (name also sets its matching key). */
export function customerColumns(
  set: Partial<Record<CustomerEditField, unknown>>,
  clear: CustomerEditField[],
  refs: { accountManagerId?: string | null | undefined; dunningPlanId?: string | null | undefined },
): CustomerUpdate {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(set))
    values[CUSTOMER_COLUMNS[field as CustomerEditField]] = value;
  for (const field of clear) values[CUSTOMER_COLUMNS[field]] = null;
  if (typeof set.name === 'string') values.name_key = nameKey(set.name);
  if (refs.accountManagerId !== undefined) values.account_manager_id = refs.accountManagerId;
  if (refs.dunningPlanId !== undefined) values.dunning_plan_id = refs.dunningPlanId;
  return values as CustomerUpdate;
}

/** Translates a constraint violation of a customer write into the failure a person can act on. */
export async function customerWriteFailure(
  db: Kysely<DB>,
  organizationId: string,
  e: unknown,
  values: CustomerUpdate,
): Promise<Result<never> | undefined> {
  if (isUniqueViolation(e, 'customers_organization_id_name_key_key')) {
    const other = await findCustomerByNameKey(db, organizationId, String(values.name_key));
    return fail('customer_name_taken', { name: other?.name ?? String(values.name) });
  }
  if (isUniqueViolation(e, 'customers_external_id_idx')) {
    const other = await findCustomerByExternalId(db, organizationId, String(values.external_id));
    return fail('external_id_taken', { externalId: String(values.external_id), name: other?.name ?? '' });
  }
  if ((e as { code?: string }).code === '23503') {
    const c = constraintOf(e) ?? '';
    if (c.includes('account_manager')) {
      return invalidFields([{ field: 'accountManagerId', code: 'account_manager_not_found' }]);
    }
    if (c.includes('dunning_plan'))
      return invalidFields([{ field: 'dunningPlanId', code: 'dunning_plan_not_found' }]);
  }
  return undefined;
}
