import { fail, ok, type Result } from '../domain/result.ts';
import { findCustomerRow } from '../storage/customers.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { type CustomerView, customerView } from './customer-view.ts';

/** One customer of the actor's organization. */
export async function getCustomer(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<Result<CustomerView>> {
  ctx = inOrganization(ctx, actor);
  const row = await findCustomerRow(ctx.db, actor.organizationId, id);
  return row ? ok(customerView(row)) : fail('not_found');
}
