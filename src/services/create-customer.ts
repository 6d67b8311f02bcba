import { z } from 'zod';
import { validateCustomerPatch } from '../domain/records/customer.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { CUSTOMER_COLUMNS } from '../storage/columns.ts';
import { findCustomerRow, insertCustomer } from '../storage/customers.ts';
import { findOrganization } from '../storage/organizations.ts';
import type { NewCustomer } from '../storage/schema.ts';
import { fieldValues, recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { type CustomerView, customerView } from './customer-view.ts';
import { customerColumns, customerWriteFailure } from './customer-writes.ts';

const text = z.string().max(2000).nullable().optional();

/** The body of a customer creation or edit (the API's and the web app's). */
export const customerInput = z.object({
  name: text,
  externalId: text,
  email: text,
  phone: text,
  addressLine1: text,
  addressLine2: text,
  postalCode: text,
  city: text,
  country: text,
  vatNumber: text,
  accountManagerId: z.uuid().nullable().optional(),
  dunningPlanId: z.uuid().nullable().optional(),
});

export type CustomerInput = z.infer<typeof customerInput>;

/** Creates a customer by hand or through the API: a name is enough. */
export async function createCustomer(
  ctx: ServiceContext,
  actor: Actor,
  input: CustomerInput,
  source: 'manual' | 'api' = actor.via === 'api_key' ? 'api' : 'manual',
): Promise<Result<CustomerView>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org) return fail('not_found');
  const { accountManagerId, dunningPlanId, ...fields } = input;
  const patch = validateCustomerPatch(fields, { defaultCountry: org.default_country, creating: true });
  if (!patch.ok) return invalidFields(patch.errors);
  const values = customerColumns(patch.set, patch.clear, { accountManagerId, dunningPlanId });
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await insertCustomer(trx, {
        ...(values as NewCustomer),
        organization_id: actor.organizationId,
        source,
      });
      await recordAudit(
        trx,
        actor,
        'customer.created',
        { type: 'customer', id: created.id },
        { name: created.name, fields: fieldValues(CUSTOMER_COLUMNS, created) },
      );
      return created;
    });
    const full = await findCustomerRow(ctx.db, actor.organizationId, row.id);
    return full ? ok(customerView(full)) : fail('not_found');
  } catch (e) {
    const failure = await customerWriteFailure(ctx.db, actor.organizationId, e, values);
    if (failure) return failure;
    throw e;
  }
}
