import { validateCustomerPatch } from '../domain/records/customer.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { CUSTOMER_COLUMNS } from '../storage/columns.ts';
import { findCustomerRow, lockCustomer, updateCustomer } from '../storage/customers.ts';
import { findOrganization } from '../storage/organizations.ts';
import { fieldChanges, recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import type { CustomerInput } from './create-customer.ts';
import { type CustomerView, customerView } from './customer-view.ts';
import { customerColumns, customerWriteFailure } from './customer-writes.ts';

/** Edits a customer: given fields are set, null clears them, absent ones stay. */
export async function editCustomer(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: CustomerInput,
): Promise<Result<CustomerView>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org) return fail('not_found');
  const { accountManagerId, dunningPlanId, ...fields } = input;
  const patch = validateCustomerPatch(fields, { defaultCountry: org.default_country, creating: false });
  if (!patch.ok) return invalidFields(patch.errors);
  const values = customerColumns(patch.set, patch.clear, { accountManagerId, dunningPlanId });
  try {
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const before = await lockCustomer(trx, actor.organizationId, id);
      const after = before && (await updateCustomer(trx, actor.organizationId, id, values));
      if (!before || !after) return undefined;
      const changes = fieldChanges(CUSTOMER_COLUMNS, before, after);
      // An edit that changes nothing is not an event.
      if (Object.keys(changes).length > 0) {
        const target = { type: 'customer', id } as const;
        await recordAudit(trx, actor, 'customer.updated', target, { name: after.name, changes });
      }
      return after;
    });
    if (!updated) return fail('not_found');
  } catch (e) {
    const failure = await customerWriteFailure(ctx.db, actor.organizationId, e, values);
    if (failure) return failure;
    throw e;
  }
  const full = await findCustomerRow(ctx.db, actor.organizationId, id);
  return full ? ok(customerView(full)) : fail('not_found');
}
