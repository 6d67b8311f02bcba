import { fail, ok, type Result } from '../domain/result.ts';
import { deleteCustomer } from '../storage/customers.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Deletes a customer with its contacts and invoices. */
export async function removeCustomer(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  return (await deleteCustomer(ctx.db, actor.organizationId, id)) ? ok(null) : fail('not_found');
}
