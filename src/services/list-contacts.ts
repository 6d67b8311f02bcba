import { fail, ok, type Result } from '../domain/result.ts';
import { listContactsOfCustomer } from '../storage/contacts.ts';
import { findCustomer } from '../storage/customers.ts';
import { type ContactView, contactView } from './contact-view.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** The contacts of one customer of the actor's organization. */
export async function listCustomerContacts(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
): Promise<Result<ContactView[]>> {
  ctx = inOrganization(ctx, actor);
  if (!(await findCustomer(ctx.db, actor.organizationId, customerId))) return fail('not_found');
  return ok((await listContactsOfCustomer(ctx.db, actor.organizationId, customerId)).map(contactView));
}
